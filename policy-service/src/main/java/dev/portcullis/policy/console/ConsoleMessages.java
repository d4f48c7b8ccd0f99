package dev.portcullis.policy.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words. English is here; Japanese is in {@code messages/msg_ja.properties}. Templates
 * use them as {@code {msg:name}}; both files are checked against each other when the service is built.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    // layout
    @Message("Console")
    String console();

    @Message("Skip to content")
    String skip();

    @Message("Sections")
    String sections();

    @Message("Dashboard")
    String navDashboard();

    @Message("Policies")
    String navPolicies();

    @Message("Subjects")
    String navSubjects();

    @Message("Services")
    String navServices();

    @Message("Password reuse")
    String navReuse();

    @Message("Audit log")
    String navAudit();

    @Message("Sign out")
    String signOut();

    @Message("Language")
    String language();

    @Message("{#when role}{#is 'admin'}admin{#is 'auditor'}auditor{#else}no console role{/when}")
    String role(String role);

    @Message("Cancel")
    String cancel();

    @Message("Nobody.")
    String nobody();

    @Message("Subject")
    String subject();

    @Message("Service")
    String service();

    @Message("People")
    String people();

    @Message("Name")
    String name();

    @Message("Scopes")
    String scopes();

    // dashboard
    @Message("MFA compliance")
    String dashboardTitle();

    @Message("Summary")
    String summary();

    @Message("have a second factor ({percent}%)")
    String haveSecondFactor(int percent);

    @Message("past their enrolment deadline")
    String pastDeadline();

    @Message("due within 7 days")
    String dueWithin7Days();

    @Message("lockouts in the last 24 h")
    String lockouts24h();

    @Message("people reuse a password")
    String peopleReuse();

    @Message("TOTP enrolments over the last 30 days")
    String enrolmentsOver30Days();

    @Message("Coverage by group")
    String coverageByGroup();

    @Message("Second factors by kind")
    String coverageByMethod();

    @Message("Kind")
    String factorKind();

    @Message("Security key")
    String methodSecurityKey();

    @Message("Passkey")
    String methodPasskey();

    @Message("No second factor yet")
    String methodNone();

    @Message("A person with several kinds counts in each. Only security keys and passkeys resist phishing.")
    String byMethodFootnote();

    @Message("No group has been seen in a login yet.")
    String noGroupYet();

    @Message("Group")
    String group();

    @Message("Enrolled")
    String enrolled();

    @Message("Coverage")
    String coverage();

    @Message("Reuse findings by service")
    String reuseByService();

    @Message("No password is known to be reused.")
    String noReuseKnown();

    @Message("See who")
    String seeWho();

    @Message("Past the deadline")
    String overdueTitle();

    @Message("Deadline was")
    String deadlineWas();

    @Message("Days late")
    String daysLate();

    @Message("Due within 7 days")
    String dueSoonTitle();

    @Message("Deadline")
    String deadline();

    @Message("Days left")
    String daysLeft();

    @Message("Counts cover every person who has signed in through a service that asks Portcullis, with the groups of their latest login. A WebAuthn key counts once the login flow has reported it.")
    String dashboardFootnote();

    @Message("The {shown} earliest deadlines of {total}.")
    String listedFirst(int shown, long total);

    @Message("Shown: the groups that a policy names and the first others by name, {shown} in all. People are in more groups than these.")
    String moreGroups(int shown);

    @Message("Subjects enrolled in TOTP, last {days} days: from {from} to {to}")
    String chartTitle(int days, String from, String to);

    // policies
    @Message("Policy {name} saved.")
    String policySaved(String name);

    @Message("Policy {name} deleted.")
    String policyDeleted(String name);

    @Message("New policy")
    String newPolicy();

    @Message("Applies to")
    String appliesTo();

    @Message("MFA")
    String mfa();

    @Message("Grace")
    String grace();

    @Message("Passwords (reuse / variant / breached / min)")
    String passwordsColumn();

    @Message("Actions")
    String actions();

    @Message("everyone")
    String everyone();

    @Message("group {name}")
    String tagGroup(String name);

    @Message("role {name}")
    String tagRole(String name);

    @Message("client {name}")
    String tagClient(String name);

    @Message("required: {methods}")
    String requiredMethods(String methods);

    @Message("not required")
    String notRequired();

    @Message("{days} days")
    String graceDays(int days);

    @Message("{days} days from {from}")
    String graceDaysFrom(int days, String from);

    @Message("Delete")
    String delete();

    // policy form
    @Message("Policy {name}")
    String policyNamed(String name);

    @Message("Nothing was saved: correct the fields marked below.")
    String nothingSaved();

    @Message("If you save this")
    String ifYouSave();

    @Message("It applies to {appliesTo} of {known} known subjects.")
    String previewAppliesTo(long appliesTo, long known);

    @Message("{changed} of them would see a different demand at their next login.")
    String previewChanged(long changed);

    @Message("{count} would have to enrol at once.")
    String previewMustEnrol(long count);

    @Message("Lower case: a-z, 0-9, '.', '_' or '-'.")
    String nameHelp();

    @Message("Leave groups and roles empty to apply to everyone. Separate names with commas.")
    String appliesToHelp();

    @Message("Groups")
    String groups();

    @Message("Realm roles")
    String realmRoles();


    @Message("Multi-factor authentication")
    String mfaLong();

    @Message("Required")
    String required();

    @Message("Methods that satisfy it")
    String methods();

    @Message("TOTP (authenticator app)")
    String methodTotp();

    @Message("WebAuthn (security key)")
    String methodWebauthn();

    @Message("Days to enrol")
    String daysToEnrol();

    @Message("0 to 365, from when a person is first seen (or from the date below). 0: enrol at the next login.")
    String daysToEnrolHelp();

    @Message("In force from (optional)")
    String effectiveFrom();

    @Message("Passwords")
    String passwords();

    @Message("Binding a new factor takes")
    String binding();

    @Message("{#when binding}{#is 'password'}the password, for a first factor; a factor they have, for more"
            + "{#is 'factor'}a factor they have; without one, an access pass{#is 'pass'}an access pass, always"
            + "{#else}{binding}{/when}")
    String bindingChoice(String binding);

    @Message("A phisher who relays a password and a code, or talks the helpdesk into a reset, binds their own"
            + " factor wherever those are enough. With an access pass, only your security team can let a factor be"
            + " bound. Someone who had a factor and lost it always needs a pass.")
    String bindingHelp();




    @Message("{#when level}{#is 'off'}off{#is 'warn'}warn{#is 'block'}block{#else}{level}{/when}")
    String level(String level);

    /** A field's label by the form's input name. */
    @Message("{#when field}{#is 'groups'}Groups{#is 'roles'}Realm roles{#is 'clients'}Clients (empty: all)"
            + "{#is 'reuse'}Same password on another service{#is 'variantReuse'}A variant of it (Summer2024! and Summer2025?)"
            + "{#is 'breached'}Found in a breach{#else}{field}{/when}")
    String field(String field);

    /**
     * What is wrong with a field, said the way the API says it ("must be between 8 and 64"); other
     * languages translate the sentences they know and show the rest as it is.
     */
    @Message("{text}")
    String constraint(String text);

    @Message("Minimum length")
    String minLength();

    @Message("Preview the effect")
    String preview();

    @Message("Save policy")
    String savePolicy();





    @Message("Delete policy {name}?")
    String deletePolicyQuestion(String name);

    @Message("Delete policy")
    String deletePolicy();

    // subjects
    @Message("Find a person")
    String findPerson();

    @Message("name or email")
    String nameOrEmail();

    @Message("Search")
    String search();

    @Message("No subject matches “{q}”.")
    String noMatch(String q);

    @Message("No subject is known yet: people appear with their first login.")
    String noSubjectYet();

    @Message("The first {limit} matches are shown: type more to narrow.")
    String firstMatches(int limit);

    @Message("TOTP reset: {subject} must enrol again at the next login.")
    String totpWasReset(String subject);

    @Message("{subject} is unlocked.")
    String wasUnlocked(String subject);

    @Message("Known in the audit log as {key}: their name when first seen, or their account id.")
    String personKey(String key);

    @Message("Second factor")
    String secondFactor();

    @Message("WebAuthn key (reported by the login flow)")
    String webauthnReported();

    @Message("none")
    String none();

    @Message(" (enrolment in progress)")
    String enrolmentInProgress();

    @Message("Recovery codes left")
    String recoveryCodesLeft();

    @Message("Locked")
    String locked();

    @Message("yes, until {until}")
    String lockedUntil(String until);

    @Message("Locked at one service only (its wrong codes)")
    String lockedAtServices();

    @Message("{service} until {until}")
    String serviceLockedUntil(String service, String until);

    @Message("Lockouts in a row")
    String lockoutsInARow();

    @Message("{count}; the next would last {minutes} minutes")
    String lockoutRun(int count, long minutes);

    @Message("no")
    String no();

    @Message("Failed codes")
    String failedCodes();

    @Message("First seen")
    String firstSeen();

    @Message("none reported")
    String noneReported();

    @Message("Reset TOTP…")
    String resetTotpEllipsis();

    @Message("Unlock…")
    String unlockEllipsis();

    @Message("This person's audit events")
    String personsAuditEvents();

    @Message("Reset TOTP for {subject}?")
    String resetTotpTitle(String subject);

    @Message("Their authenticator app and recovery codes stop working at once, and they must enrol again at their next login. Do this only after you have confirmed who asked, for example when a phone was lost.")
    String resetTotpQuestion();

    @Message("Reset TOTP")
    String resetTotp();

    @Message("Unlock {subject}?")
    String unlockTitle(String subject);

    @Message("Their failed-code count goes back to zero and they may try codes again at once.")
    String unlockQuestion();

    @Message("Unlock")
    String unlock();

    // services
    @Message("Service {name} revoked: its key no longer works.")
    String serviceRevoked(String name);

    @Message("Created")
    String created();

    @Message("Key issued")
    String keyIssued();

    @Message("Rotate key")
    String rotateKey();

    @Message("Revoke")
    String revoke();

    @Message("No service yet.")
    String noServiceYet();

    @Message("Add a service")
    String addService();

    @Message("What its key may do")
    String whatKeyMayDo();

    @Message("Create service and key")
    String createService();



    @Message("Bootstrap admin token")
    String bootstrapToken();

    @Message("On: whoever holds PORTCULLIS_ADMIN_TOKEN may do anything here. Once you can sign in here yourself, switch it off.")
    String bootstrapEnabled();

    @Message("Expired: it is refused. Delete it from the environment.")
    String bootstrapExpired();

    @Message("Switched off by {by} at {at}: every replica refuses it. Delete it from the environment.")
    String bootstrapDisabled(String by, String at);

    @Message("Not set on this replica.")
    String bootstrapAbsent();

    @Message("Expires")
    String bootstrapExpires();

    @Message("never (no PORTCULLIS_ADMIN_TOKEN_EXPIRES_AT)")
    String bootstrapNoExpiry();

    @Message("Last used")
    String bootstrapLastUsed();

    @Message("Switch it off…")
    String bootstrapSwitchOffEllipsis();

    @Message("Switch the bootstrap admin token off?")
    String bootstrapSwitchOffTitle();

    @Message("Every replica refuses it from the next request, for good, whatever the environment says: only a database administrator can undo this. Do it once you and a second admin can sign in here with a second factor.")
    String bootstrapSwitchOffQuestion();

    @Message("Switch it off")
    String bootstrapSwitchOff();

    @Message("The bootstrap admin token is switched off.")
    String bootstrapSwitchedOff();

    @Message("Rotate the key of {name}?")
    String rotateTitle(String name);

    @Message("The current key stops working at once: {name} fails until it is given the new key, which is shown once on the next page.")
    String rotateQuestion(String name);

    @Message("Revoke {name}?")
    String revokeTitle(String name);

    @Message("Its key stops working at once and the password fingerprints it reported are deleted. This cannot be undone; to let it back in, create it again.")
    String revokeQuestion();

    @Message("Revoke service")
    String revokeService();

    @Message("Certificate pins")
    String certificatePins();

    @Message("not pinned")
    String notPinned();

    @Message("Pins")
    String pins();

    @Message("Certificate pins of {name}")
    String pinsTitle(String name);

    @Message("The key of {name} then works only over a connection that presents one of these client certificates, and never without one. A pin is the SHA-256 of the certificate's public key: 64 hex digits, or sha256/ and base64.")
    String pinsWhy(String name);

    @Message("To renew the certificate with a new key without an outage: add the new pin, roll the certificate, then remove the old pin. Leave both empty to unpin the service.")
    String pinsRenewal();

    @Message("Pin")
    String pinFirst();

    @Message("Second pin (for a renewal)")
    String pinSecond();

    @Message("Save pins")
    String savePins();

    @Message("Certificate pins of {name} saved.")
    String servicePinned(String name);

    @Message("Key for {name}")
    String keyFor(String name);

    @Message("New key for {name}")
    String newKeyFor(String name);

    @Message("Copy this key now and give it to {name}'s operator over a safe channel. It is shown only this once: Portcullis keeps only its hash.")
    String copyKeyNow(String name);

    @Message("Copy")
    String copy();

    @Message("Copied to the clipboard.")
    String copied();

    @Message("Selected: press Ctrl+C to copy.")
    String copyByHand();

    @Message("Done")
    String done();

    // reuse
    @Message("Built from fingerprints alone: Portcullis never knows the passwords, so none can be shown.")
    String reuseIntro();

    @Message("Finding")
    String finding();

    @Message("Nobody reuses a password across the services that report to Portcullis.")
    String nobodyReuses();

    @Message("Next page")
    String nextPage();

    // audit
    @Message("Filters")
    String filters();

    @Message("From (UTC)")
    String fromUtc();

    @Message("To (UTC)")
    String toUtc();

    @Message("Type")
    String type();

    @Message("Outcome")
    String outcome();

    @Message("any")
    String any();

    @Message("Filter")
    String filter();

    @Message("Clear")
    String clear();

    @Message("Export these events:")
    String exportEvents();

    @Message("Time (UTC)")
    String timeUtc();

    @Message("Actor")
    String actor();

    @Message("Details")
    String details();

    @Message("No event matches.")
    String noEvent();

    @Message("Older events")
    String olderEvents();

    // errors and signing out
    @Message("You cannot do this here")
    String forbiddenTitle();

    @Message("Your role ({role}) lets you read and export, not change anything.")
    String readOnlyRole(String role);

    @Message("The console is for people with the policy-admin or policy-auditor role in Keycloak. Ask an administrator if you need one.")
    String noConsoleRole();

    @Message("You signed in without two-step verification, and the console needs it. Sign out, then sign in again with your authenticator.")
    String noSecondFactor();

    @Message("Back to the dashboard")
    String backToDashboard();

    @Message("Signed out")
    String signedOut();

    @Message("You are signed out")
    String youAreSignedOut();

    @Message("Sign in again")
    String signInAgain();

    /** The language of the page, for {@code <html lang>} on the pages outside the layout. */
    @Message("en")
    String languageTag();

    @Message("Sign-in is unavailable")
    String signInUnavailableTitle();

    @Message("The sign-in provider (Keycloak) cannot be reached just now. Try again in a moment.")
    String signInUnavailable();

    @Message("Try again")
    String tryAgain();

    @Message("Approvals")
    String navApprovals();

    @Message("Requested: a second policy admin must approve this change for {subject} under Approvals before it takes effect.")
    String waitsForSecondAdmin(String subject);

    @Message("The access pass is revoked: it opens nothing any more.")
    String passWasRevoked();

    @Message("Issue an access pass…")
    String issuePassEllipsis();

    @Message("Access passes")
    String accessPasses();

    @Message("Status")
    String passStatus();

    @Message("Issued")
    String passIssued();

    @Message("Expires")
    String passExpires();

    @Message("Issued by")
    String passIssuedBy();

    @Message("{#when status}{#is 'active'}active{#is 'used'}used{#is 'expired'}expired{#is 'revoked'}revoked{#else}{status}{/when}")
    String passState(String status);

    @Message("(reusable; used {uses} times)")
    String passReusable(int uses);

    @Message("No access pass was issued for this person.")
    String noPasses();

    @Message("Issue an access pass for {subject}")
    String issuePassTitle(String subject);

    @Message("An access pass lets this person bind a new authenticator app or security key at their next sign-in, in place of a second factor. It never signs them in by itself.")
    String issuePassWhy();

    @Message("Confirm who is asking through a channel an attacker does not control (in person, or a call back to a known number) before you hand it over. Never send it by the channel the request came from.")
    String issuePassCheck();

    @Message("Valid for")
    String passLifetime();

    @Message("{#when minutes}{#is 10}10 minutes{#is 60}1 hour{#is 240}4 hours{#is 1440}24 hours{#else}{minutes} minutes{/when}")
    String passLifetimeChoice(int minutes);

    @Message("Single use (recommended)")
    String passSingleUse();

    @Message("Issue the pass")
    String issuePass();

    @Message("Access pass for {subject}")
    String passFor(String subject);

    @Message("Give this pass to {subject} now, over a channel you trust. It is shown only this once: Portcullis keeps only a keyed hash.")
    String copyPassNow(String subject);

    @Message("It expires at {at}.")
    String passExpiresAt(String at);

    @Message("It works once.")
    String passOnce();

    @Message("Resetting a factor of, or issuing a pass for, someone with a console role, under a policy that demands a pass, or not known yet takes two policy admins: one asks, another approves. Nobody approves their own request; requests expire after 24 hours.")
    String approvalsHelp();

    @Message("Approved and carried out.")
    String approvalDone();

    @Message("Rejected: nothing was changed.")
    String rejectionDone();

    @Message("Request")
    String approvalWhat();

    @Message("Why two admins")
    String approvalWhy();

    @Message("Requested by")
    String requestedBy();

    @Message("{#when action}{#is 'totp-reset'}Reset TOTP{#is 'access-pass'}Access pass{#else}{action}{/when}")
    String approvalAction(String action);

    @Message("{#when status}{#is 'pending'}waiting{#is 'approved'}approved{#is 'rejected'}rejected{#is 'expired'}expired{#else}{status}{/when}")
    String approvalState(String status);

    @Message("your request: another admin approves it")
    String yourOwnRequest();

    @Message("Approve")
    String approve();

    @Message("Reject")
    String reject();

    @Message("Nothing waits for approval.")
    String noApprovals();
}
