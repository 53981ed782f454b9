package org.serveline.telephony.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs one external program with an argument list (never a shell line), optional stdin, and a time limit. */
final class ProcessRunner {

    private final Duration timeout;

    ProcessRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** Exit code and combined stdout/stderr. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code command}; throws {@link IOException} when the program cannot be started (e.g. not installed). */
    Result run(List<String> command, String stdin) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().name("serveline-process-output").start(() -> drain(process.getInputStream(), output));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException exitedEarly) {
            // the program did not read its input; its exit code and output say why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new PromptException(command.getFirst() + " did not finish within " + timeout + "; killed");
            }
            return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PromptException(command.getFirst() + " interrupted", interrupted);
        } catch (ExecutionException | java.util.concurrent.TimeoutException unreadable) {
            throw new PromptException("cannot read the output of " + command.getFirst(), unreadable);
        }
    }

    private static void drain(InputStream stream, CompletableFuture<String> output) {
        try (stream) {
            output.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException broken) {
            output.completeExceptionally(broken);
        }
    }
}
