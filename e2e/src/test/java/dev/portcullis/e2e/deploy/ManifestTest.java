package dev.portcullis.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s as an operator applies it: every file the kustomization lists loads into the Kubernetes
 * model (fabric8) as the kind it says, the operators' resources (Keycloak, CloudNativePG, cert-manager,
 * Prometheus) have the fields their CRDs require, and the properties the production design promises
 * hold: replicas, probes, limits, a non-root read-only container, spread, secrets only from Secrets,
 * network policies, and a realm whose flows are the demo realm's.
 */
class ManifestTest {

    static final Path K8S = Path.of(System.getProperty("portcullis.deploy", "../deploy")).resolve("k8s");
    static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    static final ObjectMapper YAML = new YAMLMapper();

    /** The kinds of the operators Portcullis runs on, with the fields each needs under spec. */
    static final Map<String, List<String>> OPERATOR_KINDS = Map.of(
            "k8s.keycloak.org/v2alpha1/Keycloak", List.of("instances", "db", "hostname", "http", "additionalOptions"),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", List.of("keycloakCRName", "realm"),
            "postgresql.cnpg.io/v1/Cluster", List.of("instances", "storage", "bootstrap", "backup"),
            "postgresql.cnpg.io/v1/ScheduledBackup", List.of("schedule", "cluster"),
            "cert-manager.io/v1/Issuer", List.of(),
            "cert-manager.io/v1/Certificate", List.of("secretName", "issuerRef"),
            "monitoring.coreos.com/v1/ServiceMonitor", List.of("selector", "endpoints"));

    static List<String> kustomizedFiles() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        List<String> files = new ArrayList<>();
        kustomization.path("resources").forEach(file -> files.add(file.asText()));
        return files;
    }

    static List<HasMetadata> all() throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (String file : kustomizedFiles()) {
            String text = Files.readString(K8S.resolve(file));
            for (String document : text.split("(?m)^---\\s*$")) {
                if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
                    resources.add(KUBERNETES.unmarshal(document));
                }
            }
        }
        return resources;
    }

    static <T extends HasMetadata> T one(Class<T> type, String name) throws IOException {
        return all().stream().filter(type::isInstance).map(type::cast)
                .filter(resource -> resource.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static JsonNode operatorResource(String kind, String name) throws IOException {
        for (HasMetadata resource : all()) {
            if (resource instanceof GenericKubernetesResource generic && generic.getKind().equals(kind)
                    && generic.getMetadata().getName().equals(name)) {
                return new ObjectMapper().valueToTree(generic.getAdditionalProperties());
            }
        }
        throw new AssertionError("no " + kind + " " + name);
    }

    @Test
    void everyListedFileExistsAndEveryFileIsListed() throws IOException {
        Set<String> listed = new TreeSet<>(kustomizedFiles());
        Set<String> present = new TreeSet<>();
        try (var files = Files.walk(K8S)) {
            files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(f -> present.add(K8S.relativize(f).toString()));
        }
        assertThat(present).isEqualTo(listed);
    }

    @Test
    void everyResourceLoadsAsTheKindItSays() throws IOException {
        List<HasMetadata> resources = all();
        assertThat(resources).hasSizeGreaterThan(15);
        for (HasMetadata resource : resources) {
            assertThat(resource.getMetadata().getName()).as(resource.getKind()).isNotBlank();
            if (resource instanceof GenericKubernetesResource generic) {
                String kind = generic.getApiVersion() + "/" + generic.getKind();
                assertThat(OPERATOR_KINDS).as("a kind no operator here serves, or a built-in kind misspelt: " + kind)
                        .containsKey(kind);
                JsonNode spec = new ObjectMapper().valueToTree(generic.getAdditionalProperties()).path("spec");
                for (String field : OPERATOR_KINDS.get(kind)) {
                    assertThat(spec.has(field)).as(kind + " " + generic.getMetadata().getName() + " spec." + field)
                            .isTrue();
                }
            } else {
                assertThat(resource.getClass().getPackageName()).startsWith("io.fabric8.kubernetes.api.model");
            }
        }
    }

    @Test
    void thePolicyServiceRunsAsAtLeastTwoHardenedProbedReplicasSpreadOverNodes() throws IOException {
        Deployment deployment = one(Deployment.class, "portcullis-policy-service");
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getTopologySpreadConstraints()).anySatisfy(spread -> {
            assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(spread.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
        });
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("memory");
        for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe(),
                container.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPath()).startsWith("/q/health/");
            assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS");
        }
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    }

    /** The master key, admin token, database password and console secrets: from Secrets, never a literal. */
    @Test
    void secretsComeOnlyFromSecrets() throws IOException {
        Container container = one(Deployment.class, "portcullis-policy-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        Map<String, EnvVar> env = new java.util.HashMap<>();
        container.getEnv().forEach(variable -> env.put(variable.getName(), variable));
        for (String secret : List.of("PORTCULLIS_MASTER_KEY", "PORTCULLIS_ADMIN_TOKEN", "PORTCULLIS_DB_PASSWORD",
                "PORTCULLIS_CONSOLE_CLIENT_SECRET", "PORTCULLIS_CONSOLE_SESSION_SECRET", "PORTCULLIS_METRICS_TOKEN")) {
            assertThat(env).containsKey(secret);
            assertThat(env.get(secret).getValue()).as(secret).isNull();
            assertThat(env.get(secret).getValueFrom().getSecretKeyRef()).as(secret).isNotNull();
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getName().matches(".*(SECRET|PASSWORD|TOKEN|MASTER_KEY|API_KEY)")) {
                assertThat(variable.getValue()).as(variable.getName() + " has a literal value").isNull();
            }
        }
        JsonNode keycloak = operatorResource("Keycloak", "keycloak").path("spec");
        for (JsonNode option : keycloak.path("additionalOptions")) {
            if (option.path("name").asText().matches(".*(api-key|password)")) {
                assertThat(option.has("value")).as(option.path("name").asText()).isFalse();
                assertThat(option.path("secret").path("name").asText()).isNotBlank();
            }
        }
        assertThat(keycloak.path("db").path("passwordSecret").path("name").asText()).isNotBlank();
    }

    /** Every Secret the manifests read is one the README says how to create (or an operator makes). */
    @Test
    void everySecretReadIsOneTheReadmeCreatesOrAnOperatorMakes() throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (String file : kustomizedFiles()) {
            String text = Files.readString(K8S.resolve(file));
            Matcher refs = Pattern.compile("(?s)(secretKeyRef|secret|passwordSecretRef|usernameSecret|passwordSecret"
                    + "|accessKeyId|secretAccessKey|credentials|ca):\\s*\\n\\s+name: ([a-z0-9-]+)").matcher(text);
            while (refs.find()) {
                referenced.add(refs.group(2));
            }
            Matcher mounted = Pattern.compile("secretName: ([a-z0-9-]+)").matcher(text);
            while (mounted.find()) {
                referenced.add(mounted.group(1));
            }
        }
        String readme = Files.readString(K8S.resolve("README.md"));
        assertThat(referenced).contains("portcullis-secrets", "portcullis-db-app", "portcullis-keycloak-key");
        for (String secret : referenced) {
            assertThat(readme).as("deploy/k8s/README.md says where Secret " + secret + " comes from")
                    .contains("`" + secret + "`");
        }
    }

    @Test
    void autoscalingAndDisruptionKeepAReplicaAlways() throws IOException {
        HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, "portcullis-policy-service");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("portcullis-policy-service");
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        PodDisruptionBudget pdb = one(PodDisruptionBudget.class, "portcullis-policy-service");
        Map<String, String> pods = one(Deployment.class, "portcullis-policy-service").getSpec().getTemplate()
                .getMetadata().getLabels();
        assertThat(pods).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isGreaterThanOrEqualTo(1);
        Service service = one(Service.class, "portcullis-policy-service");
        assertThat(pods).containsAllEntriesOf(service.getSpec().getSelector());
    }

    /** Nothing reaches the policy service but Keycloak, named services, the console's ingress and monitoring. */
    @Test
    void networkPoliciesDenyByDefaultAndNameWhoMayReachThePolicyService() throws IOException {
        NetworkPolicy deny = one(NetworkPolicy.class, "default-deny-ingress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();

        NetworkPolicy api = one(NetworkPolicy.class, "portcullis-policy-service");
        assertThat(api.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "portcullis-policy-service");
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        api.getSpec().getIngress().forEach(rule -> {
            assertThat(rule.getFrom()).as("a rule open to everyone").isNotEmpty();
            assertThat(rule.getPorts()).as("a rule open on every port").isNotEmpty();
            peers.addAll(rule.getFrom());
        });
        for (NetworkPolicyPeer peer : peers) {
            assertThat(peer.getIpBlock()).isNull();
            boolean named = peer.getPodSelector() != null && !peer.getPodSelector().getMatchLabels().isEmpty()
                    || peer.getNamespaceSelector() != null && !peer.getNamespaceSelector().getMatchLabels().isEmpty();
            assertThat(named).as("peer " + peer + " selects something by name").isTrue();
        }
        assertThat(peers).anyMatch(peer -> peer.getPodSelector() != null
                && "keycloak".equals(peer.getPodSelector().getMatchLabels().get("app")));
        assertThat(peers).anyMatch(peer -> peer.getNamespaceSelector() != null
                && "monitoring".equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")));
        JsonNode monitor = operatorResource("ServiceMonitor", "portcullis-policy-service").path("spec");
        assertThat(monitor.path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.path("endpoints").get(0).path("authorization").path("credentials").path("name").asText())
                .isEqualTo("portcullis-secrets");
    }

    @Test
    void keycloakRunsAsAClusterThatReachesThePolicyServiceOverHttpsWithItsOwnCertificate() throws IOException {
        JsonNode keycloak = operatorResource("Keycloak", "keycloak").path("spec");
        assertThat(keycloak.path("instances").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(keycloak.path("startOptimized").asBoolean()).isTrue();
        Map<String, JsonNode> options = new java.util.HashMap<>();
        keycloak.path("additionalOptions").forEach(option -> options.put(option.path("name").asText(), option));
        assertThat(options.get("spi-portcullis--default--url").path("value").asText()).startsWith("https://");
        assertThat(options).containsKeys("spi-portcullis--default--api-key", "spi-portcullis--default--trust-store",
                "spi-portcullis--default--key-store", "spi-portcullis--default--key-store-password");
        JsonNode database = operatorResource("Cluster", "portcullis-db").path("spec");
        assertThat(database.path("instances").asInt()).isEqualTo(3);
        assertThat(database.path("backup").path("barmanObjectStore").path("destinationPath").asText()).startsWith("s3://");
    }

    /** The realm the operator imports binds every flow of the demo realm, the one the tests walk. */
    @Test
    void theImportedRealmHasTheDemoRealmsFlowsAndBindingsAndNoPeopleOrSecrets() throws IOException {
        JsonNode imported = operatorResource("KeycloakRealmImport", "employees").path("spec");
        JsonNode realm = imported.path("realm");
        ObjectNode demo = (ObjectNode) new ObjectMapper().readTree(Path.of(System.getProperty("portcullis.demo.realm",
                "../deploy/local/realm-employees.json")).toFile());
        for (String field : List.of("authenticationFlows", "authenticatorConfig", "browserFlow", "directGrantFlow",
                "resetCredentialsFlow", "passwordPolicy", "eventsListeners", "attributes", "roles",
                "bruteForceProtected", "requiredActions")) {
            assertThat(realm.path(field)).as(field).isEqualTo(demo.path(field));
        }
        assertThat(realm.has("users")).isFalse();
        assertThat(realm.toString()).doesNotContain("@DEMO_PASSWORD@").doesNotContain("@CONSOLE_SECRET@");
        assertThat(realm.toString()).contains("${CONSOLE_CLIENT_SECRET}");
        assertThat(imported.path("placeholders").path("CONSOLE_CLIENT_SECRET").path("secret").path("name").asText())
                .isEqualTo("portcullis-secrets");
    }
}
