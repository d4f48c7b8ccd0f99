package dev.portcullis.keycloak.events;

import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceConnection;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Tells people of changes to their accounts: claims the policy service's messages (a factor bound,
 * removed or reset, an access pass issued or used, a recovery code used, a lockout, a password
 * changed) and sends each by email through the realm's own mail server, in the person's language,
 * saying what happened, when and from where, and what to do if it was not them. It runs on its own
 * thread, never on a login's: a mail server that is slow or down delays mail, never a sign-in. A
 * message that cannot be sent (no such person, no address, the mail server refused) is reported
 * back, and the policy service audits it. Realms: the one the event came from, else those that
 * forward their events to Portcullis ({@value PortcullisEventListenerFactory#ID}).
 */
final class NoticeMailer implements Runnable {

    static final String TEMPLATE = "portcullis-notification.ftl";
    static final int BATCH = 50;
    static final Duration EVERY = Duration.ofSeconds(2);
    static final Duration AFTER_A_FAILURE = Duration.ofSeconds(30);
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(NoticeMailer.class);

    private final KeycloakSessionFactory factory;
    private volatile boolean running;
    private Thread thread;

    NoticeMailer(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    void start() {
        running = true;
        thread = new Thread(this, "portcullis-notices");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            Duration wait = EVERY;
            try {
                if (deliverOnce() == BATCH) {
                    wait = Duration.ZERO;
                }
            } catch (RuntimeException e) {
                LOG.debugf("Notifications not fetched (%s): trying again in %ds", e.getMessage(),
                        AFTER_A_FAILURE.toSeconds());
                wait = AFTER_A_FAILURE;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Claims one batch and sends it; how many there were. */
    int deliverOnce() {
        PolicyServiceConnection connection = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                PolicyServiceConnection::of);
        if (!connection.configured()) {
            return 0;
        }
        List<Answers.Notice> notices = connection.client().claimNotifications(BATCH);
        for (Answers.Notice notice : notices) {
            String failure;
            try {
                failure = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> send(session, notice));
            } catch (RuntimeException e) {
                LOG.warnf(e, "A notification (%s) to %s could not be sent", notice.kind(), notice.subject());
                failure = "could not be sent: " + e;
            }
            if (failure == null) {
                connection.client().notificationSent(notice.id());
            } else {
                LOG.warnf("A notification (%s) to %s was not sent: %s", notice.kind(), notice.subject(), failure);
                connection.client().notificationFailed(notice.id(), failure);
            }
        }
        return notices.size();
    }

    /** Sends one message; null when it went out, else why not. */
    static String send(KeycloakSession session, Answers.Notice notice) {
        List<RealmModel> realms = realms(session, notice.realm()).toList();
        List<Map.Entry<RealmModel, UserModel>> found = new java.util.ArrayList<>();
        for (RealmModel realm : realms) {
            UserModel user = userIn(session, realm, notice);
            if (user != null) {
                found.add(new java.util.AbstractMap.SimpleImmutableEntry<>(realm, user));
            }
        }
        if (found.size() != 1) {
            return found.isEmpty() ? "nobody of that name in " + names(realms)
                    : "more than one person of that name, in " + names(found.stream().map(Map.Entry::getKey).toList());
        }
        RealmModel realm = found.get(0).getKey();
        UserModel user = found.get(0).getValue();
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return "no email address";
        }
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            return "realm " + realm.getName() + " has no mail server (Realm settings, Email)";
        }
        session.getContext().setRealm(realm);
        Map<String, Object> attributes = new HashMap<>();
        notice.details().forEach((name, value) -> attributes.put(name, readable(value)));
        attributes.put("kind", notice.kind());
        attributes.put("when", WHEN.format(notice.occurredAt()));
        if (notice.ip() != null) {
            attributes.put("where", notice.ip());
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send("portcullisMailSubject_" + notice.kind(), List.of(), TEMPLATE, attributes);
            return null;
        } catch (EmailException e) {
            return "the mail server refused it: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    /**
     * A detail as people read it: an instant ({@code until}, {@code expiresAt}) in UTC minutes, a count
     * as plain digits (never "1,000"), the rest as it is.
     */
    static Object readable(Object value) {
        if (value instanceof Number number) {
            return String.valueOf(number);
        }
        if (value instanceof String text && text.length() > 10 && text.charAt(10) == 'T') {
            try {
                return WHEN.format(java.time.Instant.parse(text));
            } catch (java.time.format.DateTimeParseException e) {
                return text;
            }
        }
        return value;
    }

    private static Stream<RealmModel> realms(KeycloakSession session, String named) {
        if (named != null) {
            return Stream.ofNullable(session.realms().getRealmByName(named));
        }
        return session.realms().getRealmsStream()
                .filter(realm -> realm.getEventsListenersStream().anyMatch(PortcullisEventListenerFactory.ID::equals));
    }

    /**
     * The account the notice is for: by its id when the policy service knows it (a rename or a new account
     * with an old name cannot redirect it), else by the name the person has now.
     */
    private static UserModel userIn(KeycloakSession session, RealmModel realm, Answers.Notice notice) {
        session.getContext().setRealm(realm);
        if (notice.userId() != null) {
            return session.users().getUserById(realm, notice.userId());
        }
        return notice.name() == null ? null : session.users().getUserByUsername(realm, notice.name());
    }

    private static String names(List<RealmModel> realms) {
        return realms.isEmpty() ? "no realm that forwards events to Portcullis"
                : String.join(", ", realms.stream().map(RealmModel::getName).toList());
    }
}
