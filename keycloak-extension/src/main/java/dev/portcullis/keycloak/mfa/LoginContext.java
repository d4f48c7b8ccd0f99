package dev.portcullis.keycloak.mfa;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** What the policy service needs to know of a login: group paths, realm roles, client, factors Keycloak holds. */
final class LoginContext {

    static final String WEBAUTHN = "webauthn";

    private LoginContext() {
    }

    static List<String> groups(UserModel user) {
        return user.getGroupsStream().map(LoginContext::path).toList();
    }

    /** Realm roles the user has, directly, through a composite or through a group. */
    static List<String> roles(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        return context.getRealm().getRolesStream().filter(user::hasRole).map(RoleModel::getName).toList();
    }

    static String client(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getClient().getClientId();
    }

    static List<String> enrolledMethods(UserModel user) {
        boolean webauthn = user.credentialManager().getStoredCredentialsByTypeStream(WEBAUTHN).findAny().isPresent();
        return webauthn ? List.of(WEBAUTHN) : List.of();
    }

    static String path(GroupModel group) {
        List<String> names = new ArrayList<>();
        for (GroupModel g = group; g != null; g = g.getParent()) {
            names.add(0, g.getName());
        }
        return "/" + String.join("/", names);
    }
}
