package io.tributary.platform;

import io.tributary.stack.KafkaCluster;
import io.tributary.stack.KafkaNode;
import io.tributary.stack.ServiceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Reads {@link KafkaClusterStatus} of the stack's cluster: the brokers from the stack's own statuses (pid, whether
 * the node answers), the partitions of the pipeline's topics (the change topics {@code tributary.*} and the registry's
 * {@code _schemas}) from the cluster's metadata through the AdminClient.
 */
final class KafkaClusterStatusReader {
    static final String TOPIC_PREFIX = "tributary.";
    static final String REGISTRY_TOPIC = "_schemas";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private KafkaClusterStatusReader() {
    }

    /** The status of {@code cluster}, or empty for a single node (the service table says all there is). */
    static Optional<KafkaClusterStatus> read(KafkaCluster cluster, List<ServiceStatus> statuses) {
        if (cluster.size() < 2) {
            return Optional.empty();
        }
        List<KafkaClusterStatus.Broker> brokers = new ArrayList<>();
        for (KafkaNode node : cluster.nodes()) {
            Optional<ServiceStatus> status = statuses.stream().filter(s -> s.name().equals(node.name())).findFirst();
            brokers.add(new KafkaClusterStatus.Broker(node.id(), node.endpoint(), status.map(ServiceStatus::pid).orElse(null),
                    status.map(ServiceStatus::ok).orElse(false)));
        }
        if (brokers.stream().noneMatch(KafkaClusterStatus.Broker::up)) {
            return Optional.of(new KafkaClusterStatus(brokers, List.of(), "no broker is up"));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            Set<String> topics = new TreeSet<>(admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            topics.removeIf(t -> !t.startsWith(TOPIC_PREFIX) && !t.equals(REGISTRY_TOPIC));
            Map<String, TopicDescription> described = topics.isEmpty() ? Map.of()
                    : admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(new KafkaClusterStatus(brokers, partitions(described), null));
        } catch (ExecutionException e) {
            return Optional.of(new KafkaClusterStatus(brokers, List.of(), e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return Optional.of(new KafkaClusterStatus(brokers, List.of(), "no answer from " + cluster.bootstrap() + " within " + TIMEOUT.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new KafkaClusterStatus(brokers, List.of(), "interrupted"));
        }
    }

    /** Every partition of {@code described}, by topic and partition. */
    static List<KafkaClusterStatus.Partition> partitions(Map<String, TopicDescription> described) {
        List<KafkaClusterStatus.Partition> result = new ArrayList<>();
        for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                result.add(new KafkaClusterStatus.Partition(topic.name(), p.partition(),
                        p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id(),
                        p.isr().stream().map(Node::id).sorted().toList(), p.replicas().stream().map(Node::id).toList()));
            }
        }
        result.sort(Comparator.comparing(KafkaClusterStatus.Partition::topic).thenComparing(KafkaClusterStatus.Partition::partition));
        return result;
    }
}
