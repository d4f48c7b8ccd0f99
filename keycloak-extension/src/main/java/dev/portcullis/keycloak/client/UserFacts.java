package dev.portcullis.keycloak.client;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** What the policy service is told about a person: group paths and realm roles, as policies name them. */
public final class UserFacts {

    private UserFacts() {
    }

    /** Group paths: {@code /engineering}, {@code /engineering/platform}. */
    public static List<String> groups(UserModel user) {
        return user.getGroupsStream().map(UserFacts::path).toList();
    }

    /** Realm roles the user has, directly, through a composite or through a group. */
    public static List<String> roles(RealmModel realm, UserModel user) {
        return realm.getRolesStream().filter(user::hasRole).map(RoleModel::getName).toList();
    }

    static String path(GroupModel group) {
        List<String> names = new ArrayList<>();
        for (GroupModel g = group; g != null; g = g.getParent()) {
            names.add(0, g.getName());
        }
        return "/" + String.join("/", names);
    }
}
