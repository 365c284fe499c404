/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the Docker files in {@code docker/} without a Docker engine: both Dockerfiles are parsed
 * (instructions with line continuations, grouped into build stages) and the facts the images rely
 * on are asserted; the helper scripts are run on small fake jars; the compose file and {@code
 * .dockerignore} get text checks. Every check is also run on a deliberately broken copy, which it
 * must reject.
 */
class DockerfilesTest {

    private static final Pattern CUDA_118_CUDNN8_RUNTIME =
            Pattern.compile("nvidia/cuda:11\\.8\\.\\d+-cudnn8-runtime-ubuntu\\d+\\.\\d+");
    private static final Pattern TEMURIN_17_JRE =
            Pattern.compile("eclipse-temurin:17(\\.[0-9._]+)?-jre(-[a-z0-9]+)?");

    private static Path root;
    private static String gpu;
    private static String cpu;
    private static String compose;
    private static String dockerignore;

    @BeforeAll
    static void readFiles() throws IOException {
        root = repositoryRoot();
        gpu = read("docker/Dockerfile.gpu");
        cpu = read("docker/Dockerfile.cpu");
        compose = read("docker/compose.yaml");
        dockerignore = read(".dockerignore");
    }

    // ---- the checks on the real files -------------------------------------------------------

    @Test
    void everyBaseImageIsPinnedByAnExplicitTag() {
        checkPinned(gpu);
        checkPinned(cpu);
    }

    @Test
    void gpuImageRunsOnCuda118WithCudnn8AndAJava17Runtime() {
        checkGpuRuntime(gpu);
    }

    @Test
    void cpuImageRunsOnATemurin17Jre() {
        checkCpuRuntime(cpu);
    }

    @Test
    void gpuBuildRunsMavenWithTheCu118ProfileAndBakesItsNatives() {
        checkBuild(gpu, true);
    }

    @Test
    void cpuBuildRunsMavenOnTheDefaultLine() {
        checkBuild(cpu, false);
    }

    @Test
    void finalStageRunsAsANonRootUser() {
        checkNonRootUser(gpu);
        checkNonRootUser(cpu);
    }

    @Test
    void entrypointIsAFileTheFinalStageCopies() {
        checkEntrypoint(gpu);
        checkEntrypoint(cpu);
    }

    @Test
    void nativesAreBakedIntoDjlCacheDirAndLoadedAtBuildTime() {
        checkEngineLoadAtBuild(gpu);
        checkEngineLoadAtBuild(cpu);
    }

    @Test
    void djlRunsOffline() {
        checkOffline(gpu);
        checkOffline(cpu);
    }

    @Test
    void composeMountsDataAndOutputAndGivesTheGpuServicesAGpu() {
        checkCompose(compose);
    }

    @Test
    void dockerignoreKeepsBuildOutputVcsAndDataOutOfTheContext() {
        checkDockerignore(dockerignore);
    }

    @Test
    void scriptsAreValidShell() throws Exception {
        assertEquals(0, run(List.of("bash", "-n", "docker/smoke.sh"), root, null).exitCode);
        for (String script : List.of("sapenet.sh", "stage-app.sh", "bake-natives.sh")) {
            Result result = run(List.of("sh", "-n", "docker/" + script), root, null);
            assertEquals(0, result.exitCode, script + ": " + result.output);
        }
    }

    // ---- the helper scripts, run on fake jars ---------------------------------------------------

    @Test
    void stageAppPutsCudaNativeJarsBeforeTheCpuOneAndKeepsMavensOrder(@TempDir Path dir)
            throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Path m2 = Files.createDirectories(dir.resolve("m2"));
        Files.writeString(target.resolve("sapenet-train-0.1.0-SNAPSHOT.jar"), "main");
        List<String> names =
                List.of(
                        "sapenet-model-0.1.0-SNAPSHOT.jar",
                        "api-0.25.0.jar",
                        "pytorch-native-cpu-2.0.1-linux-x86_64.jar",
                        "pytorch-jni-2.0.1-0.25.0.jar",
                        "pytorch-native-cu118-2.0.1-linux-x86_64.jar");
        List<String> paths = new ArrayList<>();
        for (String name : names) {
            Files.writeString(m2.resolve(name), name);
            paths.add(m2.resolve(name).toString());
        }
        Files.writeString(target.resolve("classpath.txt"), String.join(":", paths) + "\n");
        Path lib = dir.resolve("lib");

        Result result = runScript("stage-app.sh", target.toString(), lib.toString());

        assertEquals(0, result.exitCode, result.output);
        assertEquals(
                List.of(
                        "pytorch-native-cu118-2.0.1-linux-x86_64.jar",
                        "sapenet-train-0.1.0-SNAPSHOT.jar",
                        "sapenet-model-0.1.0-SNAPSHOT.jar",
                        "api-0.25.0.jar",
                        "pytorch-native-cpu-2.0.1-linux-x86_64.jar",
                        "pytorch-jni-2.0.1-0.25.0.jar"),
                Files.readAllLines(lib.resolve("classpath")));
        for (String name : names) {
            assertEquals(name, Files.readString(lib.resolve(name)));
        }
    }

    @Test
    void stageAppRejectsAMissingClassPathEntry(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("sapenet-train-0.1.0-SNAPSHOT.jar"), "main");
        Files.writeString(target.resolve("classpath.txt"), dir.resolve("gone.jar") + "\n");

        Result result = runScript("stage-app.sh", target.toString(), dir.resolve("lib").toString());

        assertEquals(1, result.exitCode, result.output);
        assertTrue(result.output.contains("gone.jar is not a file"), result.output);
    }

    @Test
    void bakeNativesLaysOutTheCacheAsDjlDoesAndSlimsTheJars(@TempDir Path dir) throws Exception {
        Path lib = fakeLib(dir, "libc10.so,libtorch.so");
        Path cache = dir.resolve("cache");

        Result result = runScript("bake-natives.sh", "--slim", lib.toString(), cache.toString());

        assertEquals(0, result.exitCode, result.output);
        Path cu = cache.resolve("pytorch/2.0.1-20230709-cu118-linux-x86_64");
        Path cpuDir = cache.resolve("pytorch/2.0.1-20230709-cpu-linux-x86_64");
        assertEquals("cu c10", Files.readString(cu.resolve("libc10.so")));
        assertEquals("cu torch", Files.readString(cu.resolve("libtorch.so")));
        assertEquals("jni cu118", Files.readString(cu.resolve("0.25.0-libdjl_torch.so")));
        assertEquals("cpu torch", Files.readString(cpuDir.resolve("libtorch.so")));
        assertEquals("jni cpu", Files.readString(cpuDir.resolve("0.25.0-libdjl_torch.so")));
        try (Stream<Path> files = Files.list(cu)) {
            assertEquals(3, files.count(), "only the listed libraries and the JNI library");
        }
        for (String jar :
                List.of(
                        "pytorch-native-cu118-2.0.1-linux-x86_64.jar",
                        "pytorch-native-cpu-2.0.1-linux-x86_64.jar")) {
            try (ZipFile zip = new ZipFile(lib.resolve(jar).toFile())) {
                List<String> entries =
                        zip.stream()
                                .map(ZipEntry::getName)
                                .filter(name -> !name.startsWith("META-INF/"))
                                .collect(Collectors.toList());
                assertEquals(List.of("native/lib/pytorch.properties"), entries, jar);
            }
        }
    }

    @Test
    void bakeNativesFailsWhenAListedLibraryIsMissing(@TempDir Path dir) throws Exception {
        Path lib = fakeLib(dir, "libc10.so,libtorch.so,libtorch_cuda.so");

        Result result =
                runScript("bake-natives.sh", lib.toString(), dir.resolve("cache").toString());

        assertEquals(1, result.exitCode, result.output);
        assertTrue(result.output.contains("libtorch_cuda.so"), result.output);
    }

    // ---- every check rejects a broken copy ------------------------------------------------------

    static Stream<Arguments> brokenCopies() {
        return Stream.of(
                broken(
                        "untagged base image",
                        () -> gpu,
                        "nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04",
                        "nvidia/cuda",
                        DockerfilesTest::checkPinned),
                broken(
                        "latest tag",
                        () -> cpu,
                        "FROM eclipse-temurin:17.0.13_11-jre-jammy",
                        "FROM eclipse-temurin:latest",
                        DockerfilesTest::checkPinned),
                broken(
                        "copy from an untagged image",
                        () -> gpu,
                        "COPY --from=jre ",
                        "COPY --from=eclipse-temurin ",
                        DockerfilesTest::checkPinned),
                broken(
                        "CUDA 12 runtime",
                        () -> gpu,
                        "nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04",
                        "nvidia/cuda:12.1.0-cudnn8-runtime-ubuntu22.04",
                        DockerfilesTest::checkGpuRuntime),
                broken(
                        "no cuDNN",
                        () -> gpu,
                        "nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04",
                        "nvidia/cuda:11.8.0-runtime-ubuntu22.04",
                        DockerfilesTest::checkGpuRuntime),
                broken(
                        "no Java in the CUDA image",
                        () -> gpu,
                        "COPY --from=jre /opt/java/openjdk /opt/java/openjdk",
                        "",
                        DockerfilesTest::checkGpuRuntime),
                broken(
                        "JDK base for the CPU image",
                        () -> cpu,
                        "FROM eclipse-temurin:17.0.13_11-jre-jammy",
                        "FROM eclipse-temurin:21.0.5_11-jdk-jammy",
                        DockerfilesTest::checkCpuRuntime),
                broken(
                        "GPU build without -Pcu118",
                        () -> gpu,
                        "mvn -B -ntp -Pcu118 package",
                        "mvn -B -ntp package",
                        text -> checkBuild(text, true)),
                broken(
                        "GPU build without baking",
                        () -> gpu,
                        " \\\n && sh docker/bake-natives.sh --slim /dist/lib /dist/djl-cache",
                        "",
                        text -> checkBuild(text, true)),
                broken(
                        "CPU build with -Pcu118",
                        () -> cpu,
                        "mvn -B -ntp package",
                        "mvn -B -ntp -Pcu118 package",
                        text -> checkBuild(text, false)),
                broken(
                        "no USER",
                        () -> gpu,
                        "USER sapenet\n",
                        "",
                        DockerfilesTest::checkNonRootUser),
                broken(
                        "USER root",
                        () -> cpu,
                        "USER sapenet\n",
                        "USER root\n",
                        DockerfilesTest::checkNonRootUser),
                broken(
                        "USER 0 after the user",
                        () -> cpu,
                        "ENTRYPOINT [",
                        "USER 0:0\nENTRYPOINT [",
                        DockerfilesTest::checkNonRootUser),
                broken(
                        "entrypoint never copied",
                        () -> gpu,
                        "ENTRYPOINT [\"/app/bin/sapenet\"]",
                        "ENTRYPOINT [\"/app/bin/sapenet-cli\"]",
                        DockerfilesTest::checkEntrypoint),
                broken(
                        "shell-form entrypoint",
                        () -> cpu,
                        "ENTRYPOINT [\"/app/bin/sapenet\"]",
                        "ENTRYPOINT /app/bin/sapenet",
                        DockerfilesTest::checkEntrypoint),
                broken(
                        "no DJL_CACHE_DIR",
                        () -> cpu,
                        "ENV DJL_CACHE_DIR=/opt/sapenet/djl-cache",
                        "ENV DJL_CACHE=/opt/sapenet/djl-cache",
                        DockerfilesTest::checkEngineLoadAtBuild),
                broken(
                        "no engine load at build time",
                        () -> gpu,
                        "RUN /app/bin/sapenet --device cpu env",
                        "RUN /app/bin/sapenet --help",
                        DockerfilesTest::checkEngineLoadAtBuild),
                broken(
                        "natives not copied into the cache",
                        () -> cpu,
                        "COPY --from=build /dist/djl-cache /opt/sapenet/djl-cache",
                        "COPY --from=build /dist/djl-cache /opt/djl",
                        DockerfilesTest::checkEngineLoadAtBuild),
                broken(
                        "online DJL",
                        () -> gpu,
                        "DJL_OFFLINE=true",
                        "DJL_OFFLINE=false",
                        DockerfilesTest::checkOffline),
                broken(
                        "GPU services without a GPU",
                        () -> compose,
                        "capabilities: [gpu]",
                        "capabilities: [utility]",
                        DockerfilesTest::checkCompose),
                broken(
                        "no output mount",
                        () -> compose,
                        "target: /out",
                        "target: /results",
                        DockerfilesTest::checkCompose),
                broken(
                        "prepare without data",
                        () -> compose,
                        "volumes: [*data, *out]\n    command: [\"prepare\"",
                        "volumes: [*out]\n    command: [\"prepare\"",
                        DockerfilesTest::checkCompose),
                broken(
                        "grid-gpu on the CPU image",
                        () -> compose,
                        "  grid-gpu:\n    <<: *gpu",
                        "  grid-gpu:\n    <<: *cpu",
                        DockerfilesTest::checkCompose),
                broken(
                        ".git in the context",
                        () -> dockerignore,
                        "\n.git\n",
                        "\n",
                        DockerfilesTest::checkDockerignore),
                broken(
                        "target in the context",
                        () -> dockerignore,
                        "**/target\n",
                        "",
                        DockerfilesTest::checkDockerignore));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCopies")
    void checkRejectsABrokenCopy(
            String name,
            Supplier<String> original,
            String from,
            String to,
            Consumer<String> check) {
        String text = original.get();
        assertTrue(text.contains(from), name + ": the mutation no longer applies: " + from);
        check.accept(text); // the real file passes ...
        String mutated = text.replace(from, to);
        assertThrows(AssertionError.class, () -> check.accept(mutated), name); // ... the copy not
    }

    private static Arguments broken(
            String name,
            Supplier<String> original,
            String from,
            String to,
            Consumer<String> check) {
        return Arguments.of(name, original, from, to, check);
    }

    // ---- the checks -----------------------------------------------------------------------------

    /** Every FROM image, and every COPY --from that names an image, has an explicit tag. */
    static void checkPinned(String dockerfile) {
        List<Stage> stages = Stage.parse(dockerfile);
        List<String> aliases = new ArrayList<>();
        for (Stage stage : stages) {
            if (!aliases.contains(stage.image)) {
                assertPinned(stage.image);
            }
            for (Instruction copy : stage.all("COPY")) {
                String from = copy.flag("from");
                if (from != null && !aliases.contains(from)) {
                    assertPinned(from);
                }
            }
            if (stage.alias != null) {
                aliases.add(stage.alias);
            }
        }
    }

    private static void assertPinned(String image) {
        if (image.contains("@sha256:")) {
            return;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        assertTrue(colon > 0 && colon < last.length() - 1, "image without a tag: " + image);
        String tag = last.substring(colon + 1);
        assertFalse(tag.equals("latest"), "image pinned to 'latest': " + image);
        assertFalse(tag.contains("$"), "image tag from a build argument: " + image);
    }

    /** The GPU image runs on CUDA 11.8 + cuDNN 8 with a Java 17 runtime copied in. */
    static void checkGpuRuntime(String dockerfile) {
        List<Stage> stages = Stage.parse(dockerfile);
        Stage last = stages.get(stages.size() - 1);
        assertTrue(
                CUDA_118_CUDNN8_RUNTIME.matcher(last.image).matches(),
                "GPU runtime base must be a CUDA 11.8 cuDNN 8 runtime image, is " + last.image);
        boolean java17 = false;
        for (Instruction copy : last.all("COPY")) {
            String from = copy.flag("from");
            Stage source = from == null ? null : Stage.byAlias(stages, from);
            String image = source == null ? from : source.image;
            if (image != null
                    && TEMURIN_17_JRE.matcher(image).matches()
                    && copy.destination().equals("/opt/java/openjdk")) {
                java17 = true;
            }
        }
        assertTrue(java17, "the CUDA image needs a Java 17 runtime in /opt/java/openjdk");
        assertEquals("/opt/java/openjdk", last.env().get("JAVA_HOME"), "JAVA_HOME");
    }

    /** The CPU image runs on a pinned Temurin 17 JRE. */
    static void checkCpuRuntime(String dockerfile) {
        List<Stage> stages = Stage.parse(dockerfile);
        String image = stages.get(stages.size() - 1).image;
        assertTrue(TEMURIN_17_JRE.matcher(image).matches(), "CPU runtime base: " + image);
    }

    /**
     * A build stage runs {@code mvn package -DskipTests} (with {@code -Pcu118} exactly when {@code
     * cu118}), gathers the class path with stage-app.sh and bakes the natives with bake-natives.sh;
     * the final stage copies the result out of that stage.
     */
    static void checkBuild(String dockerfile, boolean cu118) {
        List<Stage> stages = Stage.parse(dockerfile);
        Stage last = stages.get(stages.size() - 1);
        Stage build = null;
        Instruction mvn = null;
        for (Stage stage : stages.subList(0, stages.size() - 1)) {
            for (Instruction run : stage.all("RUN")) {
                if (run.words().contains("mvn")) {
                    assertTrue(mvn == null, "more than one Maven build");
                    build = stage;
                    mvn = run;
                }
            }
        }
        assertNotNull(mvn, "no build stage runs mvn");
        assertNotNull(build.alias, "the build stage needs a name (FROM ... AS build)");
        List<String> words = mvn.words();
        assertTrue(words.contains("package"), "mvn package: " + mvn.args);
        assertTrue(words.contains("-DskipTests"), "mvn -DskipTests: " + mvn.args);
        assertTrue(build.image.startsWith("maven:3.9."), "Maven 3.9 build image: " + build.image);
        assertTrue(build.image.contains("-17"), "JDK 17 build image: " + build.image);
        if (cu118) {
            assertTrue(words.contains("-Pcu118"), "the GPU build needs -Pcu118: " + mvn.args);
        } else {
            assertFalse(mvn.args.contains("cu118"), "the CPU build is the default line");
        }
        assertTrue(
                mvn.args.contains("docker/stage-app.sh sapenet-train/target /dist/lib"),
                "the class path is gathered in the build step");
        assertTrue(
                mvn.args.contains("docker/bake-natives.sh --slim /dist/lib /dist/djl-cache"),
                "the natives are baked in the build step");
        boolean copied = false;
        for (Instruction copy : last.all("COPY")) {
            if (build.alias.equals(copy.flag("from")) && copy.sources().contains("/dist/lib")) {
                copied = true;
            }
        }
        assertTrue(copied, "the final stage copies /dist/lib from the build stage");
    }

    /** The final stage switches to a non-root user (created there) before its ENTRYPOINT. */
    static void checkNonRootUser(String dockerfile) {
        Stage last = Stage.parse(dockerfile).get(Stage.parse(dockerfile).size() - 1);
        int entrypoint = last.indexOf("ENTRYPOINT");
        assertTrue(entrypoint >= 0, "no ENTRYPOINT in the final stage");
        String user = null;
        for (Instruction instruction : last.instructions.subList(0, entrypoint)) {
            if (instruction.keyword.equals("USER")) {
                user = instruction.args.split(":")[0];
            }
        }
        assertNotNull(user, "no USER before the ENTRYPOINT");
        assertFalse(user.equals("root") || user.equals("0"), "runs as root: USER " + user);
        final String name = user;
        assertTrue(
                last.all("RUN").stream()
                        .anyMatch(
                                run ->
                                        run.words().contains("useradd")
                                                && run.words().contains(name)),
                "user " + name + " is not created in the final stage");
    }

    /** The exec-form ENTRYPOINT names a file the final stage copies from the repository. */
    static void checkEntrypoint(String dockerfile) {
        Stage last = Stage.parse(dockerfile).get(Stage.parse(dockerfile).size() - 1);
        String path = entrypoint(last);
        Instruction copy =
                last.all("COPY").stream()
                        .filter(c -> c.destination().equals(path))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("nothing is copied to " + path));
        assertEquals(null, copy.flag("from"), "the entry script comes from the repository");
        assertEquals(1, copy.sources().size());
        Path script = root.resolve(copy.sources().get(0));
        assertTrue(Files.isRegularFile(script), "missing entry script " + script);
        String chmod = copy.flag("chmod");
        assertTrue(chmod != null && chmod.endsWith("755"), "entry script not executable");
    }

    /**
     * DJL_CACHE_DIR is set in the final stage, the baked natives are copied into it, and a RUN
     * after USER and ENV loads the engine through the entry point ({@code sapenet ... env}).
     */
    static void checkEngineLoadAtBuild(String dockerfile) {
        Stage last = Stage.parse(dockerfile).get(Stage.parse(dockerfile).size() - 1);
        String cache = last.env().get("DJL_CACHE_DIR");
        assertNotNull(cache, "DJL_CACHE_DIR is not set in the final stage");
        assertTrue(cache.startsWith("/"), "DJL_CACHE_DIR must be absolute: " + cache);
        assertTrue(
                last.all("COPY").stream()
                        .anyMatch(
                                c ->
                                        "build".equals(c.flag("from"))
                                                && c.destination().equals(cache)),
                "the baked natives are not copied to " + cache);
        String entry = entrypoint(last);
        int user = last.indexOf("USER");
        int env = -1;
        for (int i = 0; i < last.instructions.size(); i++) {
            Instruction instruction = last.instructions.get(i);
            if (instruction.keyword.equals("ENV")
                    && instruction.env().containsKey("DJL_CACHE_DIR")) {
                env = i;
            }
        }
        boolean loaded = false;
        for (int i = Math.max(user, env) + 1; i < last.indexOf("ENTRYPOINT"); i++) {
            Instruction instruction = last.instructions.get(i);
            List<String> words = instruction.words();
            if (instruction.keyword.equals("RUN")
                    && !words.isEmpty()
                    && words.get(0).equals(entry)
                    && words.contains("env")) {
                loaded = true;
            }
        }
        assertTrue(user >= 0 && loaded, "no `" + entry + " env` RUN after USER and DJL_CACHE_DIR");
    }

    /** DJL is offline in the image (DJL_OFFLINE) and in the entry script (ai.djl.offline). */
    static void checkOffline(String dockerfile) {
        Stage last = Stage.parse(dockerfile).get(Stage.parse(dockerfile).size() - 1);
        assertEquals("true", last.env().get("DJL_OFFLINE"), "DJL_OFFLINE");
        Instruction copy =
                last.all("COPY").stream()
                        .filter(c -> c.destination().equals(entrypoint(last)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("entry script not copied"));
        String script;
        try {
            script = Files.readString(root.resolve(copy.sources().get(0)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(script.contains("-Dai.djl.offline=true"), "entry script: ai.djl.offline=true");
        assertTrue(
                script.contains("org.sapenet.train.cli.SapenetCli \"$@\""),
                "entry script runs the CLI with the container's arguments");
    }

    /**
     * The compose services mount the data (read-only) and output folders, the GPU services reserve
     * NVIDIA GPUs and use the GPU image, the CPU ones do neither.
     */
    static void checkCompose(String text) {
        Map<String, String> top = Yaml.blocks(text, 0);
        assertBlock(top, "x-data", "target: /data", "read_only: true");
        assertBlock(top, "x-out", "target: /out");
        assertBlock(top, "x-configs", "target: /app/configs");
        String gpuAnchor =
                assertBlock(
                        top, "x-gpu", "image: sapenet:gpu", "dockerfile: docker/Dockerfile.gpu");
        assertTrue(
                gpuAnchor.contains("driver: nvidia") && gpuAnchor.contains("capabilities: [gpu]"),
                "x-gpu must reserve NVIDIA GPUs (deploy.resources.reservations.devices)");
        assertBlock(top, "x-cpu", "image: sapenet:cpu", "dockerfile: docker/Dockerfile.cpu");
        assertFalse(top.get("x-cpu").contains("capabilities"), "x-cpu must not reserve GPUs");
        Map<String, String> services = Yaml.blocks(assertBlock(top, "services"), 2);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("prepare", List.of("*cpu", "*data", "*out", "\"prepare\""));
        expected.put("grid", List.of("*cpu", "*out", "*configs", "\"grid\""));
        expected.put("score", List.of("*cpu", "*data", "*out", "\"score\""));
        expected.put("grid-gpu", List.of("*gpu", "*out", "*configs", "\"grid\"", "\"gpu\""));
        expected.put("score-gpu", List.of("*gpu", "*data", "*out", "\"score\"", "\"gpu\""));
        for (Map.Entry<String, List<String>> service : expected.entrySet()) {
            assertBlock(services, service.getKey(), service.getValue().toArray(new String[0]));
        }
    }

    private static String assertBlock(Map<String, String> blocks, String key, String... parts) {
        String block = blocks.get(key);
        assertNotNull(block, "compose.yaml has no '" + key + "'");
        for (String part : parts) {
            assertTrue(block.contains(part), "'" + key + "' lacks " + part + ":\n" + block);
        }
        return block;
    }

    /** .dockerignore keeps build output, .git, data and run folders out of the build context. */
    static void checkDockerignore(String text) {
        List<String> patterns =
                text.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .collect(Collectors.toList());
        for (String needed : List.of(".git", "**/target", "target", "data", "out", "runs")) {
            assertTrue(patterns.contains(needed), ".dockerignore lacks " + needed);
        }
    }

    private static String entrypoint(Stage stage) {
        int index = stage.indexOf("ENTRYPOINT");
        assertTrue(index >= 0, "no ENTRYPOINT in the final stage");
        String args = stage.instructions.get(index).args;
        assertTrue(args.startsWith("["), "ENTRYPOINT must use the exec form: " + args);
        JsonArray array = JsonParser.parseString(args).getAsJsonArray();
        String path = array.get(0).getAsString();
        assertTrue(path.startsWith("/"), "ENTRYPOINT names an absolute path: " + path);
        return path;
    }

    // ---- a small Dockerfile parser --------------------------------------------------------------

    /** One instruction: its keyword (upper case), arguments and first line. */
    static final class Instruction {
        final int line;
        final String keyword;
        final String args;

        Instruction(int line, String keyword, String args) {
            this.line = line;
            this.keyword = keyword;
            this.args = args;
        }

        /** The shell-like words of the arguments (quotes removed). */
        List<String> words() {
            return Words.split(args);
        }

        /** The value of a {@code --name=value} flag, or null. */
        String flag(String name) {
            for (String word : words()) {
                if (word.startsWith("--" + name + "=")) {
                    return word.substring(name.length() + 3);
                }
            }
            return null;
        }

        /** COPY/ADD: the sources (words before the destination that are not flags). */
        List<String> sources() {
            List<String> words = words().stream().filter(w -> !w.startsWith("--")).toList();
            return words.subList(0, words.size() - 1);
        }

        /** COPY/ADD: the destination, without a trailing slash. */
        String destination() {
            List<String> words = words();
            String destination = words.get(words.size() - 1);
            return destination.length() > 1 && destination.endsWith("/")
                    ? destination.substring(0, destination.length() - 1)
                    : destination;
        }

        /** ENV: the variables it sets, in both the {@code k=v ...} and {@code k v} forms. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            List<String> words = words();
            if (!words.isEmpty() && !words.get(0).contains("=")) {
                env.put(words.get(0), args.substring(words.get(0).length()).strip());
                return env;
            }
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    throw new AssertionError("line " + line + ": bad ENV word " + word);
                }
                env.put(word.substring(0, eq), word.substring(eq + 1));
            }
            return env;
        }
    }

    /** One build stage: its base image, its alias (or null) and its instructions. */
    static final class Stage {
        final String image;
        final String alias;
        final List<Instruction> instructions = new ArrayList<>();

        Stage(String image, String alias) {
            this.image = image;
            this.alias = alias;
        }

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword.equals(keyword)).toList();
        }

        /** The index of the last instruction with the keyword, or -1. */
        int indexOf(String keyword) {
            int index = -1;
            for (int i = 0; i < instructions.size(); i++) {
                if (instructions.get(i).keyword.equals(keyword)) {
                    index = i;
                }
            }
            return index;
        }

        /** The variables the stage's ENV instructions set (the later wins). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            all("ENV").forEach(i -> env.putAll(i.env()));
            return env;
        }

        static Stage byAlias(List<Stage> stages, String alias) {
            return stages.stream().filter(s -> alias.equals(s.alias)).findFirst().orElse(null);
        }

        /** Splits a Dockerfile into stages; instructions before the first FROM are rejected. */
        static List<Stage> parse(String dockerfile) {
            List<Stage> stages = new ArrayList<>();
            for (Instruction instruction : instructions(dockerfile)) {
                if (instruction.keyword.equals("FROM")) {
                    List<String> words =
                            instruction.words().stream()
                                    .filter(w -> !w.startsWith("--platform="))
                                    .toList();
                    boolean named = words.size() == 3 && words.get(1).equalsIgnoreCase("AS");
                    if (words.size() != 1 && !named) {
                        throw new AssertionError("line " + instruction.line + ": bad FROM");
                    }
                    stages.add(new Stage(words.get(0), named ? words.get(2) : null));
                } else if (stages.isEmpty()) {
                    if (!instruction.keyword.equals("ARG")) {
                        throw new AssertionError(
                                "line "
                                        + instruction.line
                                        + ": "
                                        + instruction.keyword
                                        + " before the first FROM");
                    }
                } else {
                    stages.get(stages.size() - 1).instructions.add(instruction);
                }
            }
            if (stages.isEmpty()) {
                throw new AssertionError("no FROM");
            }
            return stages;
        }

        /**
         * The instructions, with backslash line continuations joined. As Docker does, comment lines
         * are dropped, also inside a continued instruction, and so are empty lines inside one.
         */
        static List<Instruction> instructions(String dockerfile) {
            List<Instruction> instructions = new ArrayList<>();
            String[] lines = dockerfile.split("\r?\n", -1);
            StringBuilder current = null;
            int start = 0;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("#") || (line.isEmpty() && current == null)) {
                    continue;
                }
                if (current == null) {
                    current = new StringBuilder();
                    start = i + 1;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                current.append(line);
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                String keyword = (space < 0 ? text : text.substring(0, space));
                String args = space < 0 ? "" : text.substring(space + 1).strip();
                instructions.add(new Instruction(start, keyword.toUpperCase(Locale.ROOT), args));
                current = null;
            }
            if (current != null) {
                throw new AssertionError("line " + start + ": continuation runs past the end");
            }
            return instructions;
        }
    }

    /** Shell-like word splitting: whitespace separates, double and single quotes group. */
    static final class Words {
        private Words() {}

        static List<String> split(String text) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    word = word == null ? new StringBuilder() : word;
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }
    }

    /** Just enough YAML: the blocks under the keys at one indentation. */
    static final class Yaml {
        private Yaml() {}

        /**
         * Maps each key at exactly {@code indent} spaces to its text (its line and deeper lines).
         */
        static Map<String, String> blocks(String text, int indent) {
            Map<String, String> blocks = new LinkedHashMap<>();
            String key = null;
            StringBuilder block = new StringBuilder();
            for (String line : text.split("\n")) {
                int spaces = line.length() - line.stripLeading().length();
                boolean content = !line.isBlank() && !line.stripLeading().startsWith("#");
                if (content && spaces < indent) {
                    if (key != null) {
                        blocks.put(key, block.toString());
                    }
                    key = null;
                    continue;
                }
                if (content && spaces == indent && line.strip().matches("[A-Za-z0-9_.-]+:.*")) {
                    if (key != null) {
                        blocks.put(key, block.toString());
                    }
                    key = line.strip().substring(0, line.strip().indexOf(':'));
                    block = new StringBuilder();
                }
                if (key != null) {
                    block.append(line).append('\n');
                }
            }
            if (key != null) {
                blocks.put(key, block.toString());
            }
            return blocks;
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The repository root: the first folder up from the working directory holding docker/. */
    private static Path repositoryRoot() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docker/Dockerfile.gpu"))
                    && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new AssertionError("no docker/Dockerfile.gpu above " + dir);
    }

    private static String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    /** A lib folder with fake engine, JNI, cu118 and CPU native jars (cu118 lists libraries). */
    private static Path fakeLib(Path dir, String cuLibraries) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        jar(
                lib.resolve("pytorch-engine-0.25.0.jar"),
                Map.of("pytorch-engine.properties", "djl_version=0.25.0\npytorch_version=2.0.1\n"));
        jar(
                lib.resolve("pytorch-jni-2.0.1-0.25.0.jar"),
                Map.of(
                        "jnilib/pytorch.properties", "jni_version=2.0.1-0.25.0",
                        "jnilib/linux-x86_64/cu118/libdjl_torch.so", "jni cu118",
                        "jnilib/linux-x86_64/cpu/libdjl_torch.so", "jni cpu"));
        jar(
                lib.resolve("pytorch-native-cu118-2.0.1-linux-x86_64.jar"),
                Map.of(
                        "native/lib/pytorch.properties",
                        "version=2.0.1-20230709\nflavor=cu118\nclassifier=linux-x86_64\n"
                                + "libraries="
                                + cuLibraries
                                + "\n",
                        "pytorch/cu118/linux-x86_64/libc10.so",
                        "cu c10",
                        "pytorch/cu118/linux-x86_64/libtorch.so",
                        "cu torch",
                        "pytorch/cu118/linux-x86_64/libextra.so",
                        "not listed"));
        jar(
                lib.resolve("pytorch-native-cpu-2.0.1-linux-x86_64.jar"),
                Map.of(
                        "native/lib/pytorch.properties",
                        "version=2.0.1-20230709\nflavor=cpu\nclassifier=linux-x86_64\n"
                                + "libraries=libtorch.so\n",
                        "pytorch/cpu/linux-x86_64/libtorch.so",
                        "cpu torch"));
        return lib;
    }

    private static void jar(Path path, Map<String, String> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(path);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    /** Runs a docker/ script with the JDK's bin folder (for `jar`) first on the PATH. */
    private static Result runScript(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("sh");
        command.add(root.resolve("docker").resolve(script).toString());
        command.addAll(Arrays.asList(args));
        String path =
                Paths.get(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");
        return run(command, root, Map.of("PATH", path));
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.redirectErrorStream(true);
        if (env != null) {
            builder.environment().putAll(env);
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
