-- The built-in policy for the console's people (policy-admin, policy-auditor): MFA at once, no
-- grace. Editable only to make it stricter, never deleted (ConsoleRolesPolicy).
INSERT INTO mfa_policy (name, document, updated_at)
SELECT 'console-roles',
 '{"appliesTo":{"groups":[],"roles":["policy-admin","policy-auditor"],"clients":[]},"mfa":{"required":true,"methods":["totp","webauthn"],"enrolmentGraceDays":0,"effectiveFrom":null},"passwords":{"reuse":"block","variantReuse":"warn","breached":"block","minLength":8}}',
 CURRENT_TIMESTAMP
WHERE NOT EXISTS (SELECT 1 FROM mfa_policy WHERE name = 'console-roles');
