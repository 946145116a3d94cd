package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleLaunchTest {
    @TempDir
    Path root;

    @Test
    void classpathIsTargetClassesThenRuntimeJars() throws Exception {
        Files.createDirectories(root.resolve("cdc-engine/target/classes"));
        Files.writeString(root.resolve("cdc-engine/target/runtime.classpath"), "/m2/a.jar:/m2/b.jar\n");
        ModuleLaunch launch = ModuleLaunch.of("cdc-engine", "io.tributary.cdc.CdcEngineMain", List.of(), Map.of(), List.of());
        assertThat(launch.name()).isEqualTo("cdc-engine");
        assertThat(launch.classpath(root)).isEqualTo(root.resolve("cdc-engine/target/classes") + ":/m2/a.jar:/m2/b.jar");
    }

    @Test
    void unbuiltModuleSaysHowToBuildIt() {
        ModuleLaunch launch = ModuleLaunch.of("schema-registry/server", "M", List.of(), Map.of(), List.of());
        assertThat(launch.name()).isEqualTo("server");
        assertThatThrownBy(() -> launch.classpath(root)).isInstanceOf(StackException.class)
                .hasMessageContaining("./mvnw -q -pl schema-registry/server install -DskipTests");
    }

    @Test
    void namesMustBeSafeForFileNames() {
        assertThatThrownBy(() -> new ModuleLaunch("m", "M", List.of(), Map.of(), List.of(), "../evil"))
                .hasMessageContaining("../evil");
        assertThat(ModuleLaunch.of("m", "M", List.of(), Map.of(), List.of()).named("lakehouse-bronze").name())
                .isEqualTo("lakehouse-bronze");
    }
}
