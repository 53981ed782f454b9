package org.serveline.telephony.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read the rendered prompts: the PBX plays them from the cache, and Asterisk normally runs as its own user,
 * so a file only its writer can read is a notice nobody hears. Every rendered file gets {@code mode} and, when
 * given, {@code group} (e.g. {@code asterisk}) before it is moved into place; the cache directory gets the same
 * read bits plus the matching search ({@code x}) bits.
 *
 * @param mode  the permissions of a rendered file, e.g. {@code rw-r--r--} (owner always keeps read and write)
 * @param group the group of every rendered file and of the cache directory, when set
 */
public record PromptFiles(Set<PosixFilePermission> mode, Optional<String> group) {

    /** Readable by everyone, no group change: what a PBX on the same host under another user needs. */
    public static final String DEFAULT_MODE = "rw-r--r--";

    public PromptFiles {
        mode = EnumSet.copyOf(Objects.requireNonNull(mode, "mode"));
        if (!mode.contains(PosixFilePermission.OWNER_READ) || !mode.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException("the prompt file mode must keep rw for the owner (Serveline writes "
                    + "the cache), was " + PosixFilePermissions.toString(mode));
        }
        if (mode.contains(PosixFilePermission.OTHERS_WRITE) || mode.contains(PosixFilePermission.GROUP_WRITE)) {
            throw new IllegalArgumentException("prompts are evidence of what was played: no write bit for group or "
                    + "others, was " + PosixFilePermissions.toString(mode));
        }
        group = Objects.requireNonNull(group, "group").filter(name -> !name.isBlank());
    }

    /**
     * From configuration: a mode in {@code ls} form ({@code rw-r-----}) and an optional group name.
     *
     * @throws IllegalArgumentException when the mode is not nine {@code rwx-} characters
     */
    public static PromptFiles of(String mode, String group) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = PosixFilePermissions.fromString(mode == null ? DEFAULT_MODE : mode);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("prompt file mode '" + mode + "' is not of the form rw-r--r--",
                    malformed);
        }
        return new PromptFiles(permissions, Optional.ofNullable(group));
    }

    public static PromptFiles defaults() {
        return of(DEFAULT_MODE, null);
    }

    /** The directory's mode: the file mode plus {@code x} wherever {@code r} is given, so the PBX can open files. */
    Set<PosixFilePermission> directoryMode() {
        Set<PosixFilePermission> dir = EnumSet.copyOf(mode);
        dir.add(PosixFilePermission.OWNER_EXECUTE);
        if (mode.contains(PosixFilePermission.GROUP_READ)) {
            dir.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (mode.contains(PosixFilePermission.OTHERS_READ)) {
            dir.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return dir;
    }

    /** Applies mode and group to a rendered file; throws {@link PromptException} when the system refuses. */
    void applyToFile(Path file) {
        apply(file, mode);
    }

    /** Applies the directory mode and group to the cache directory. */
    void applyToDirectory(Path directory) {
        apply(directory, directoryMode());
    }

    private void apply(Path path, Set<PosixFilePermission> permissions) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            throw new PromptException("the prompt cache " + path + " is on a file system without POSIX "
                    + "permissions; the PBX's access cannot be set");
        }
        try {
            if (group.isPresent()) {
                view.setGroup(groupPrincipal(path));
            }
            view.setPermissions(permissions);
        } catch (IOException | SecurityException refused) {
            throw new PromptException("cannot give " + path + " mode " + PosixFilePermissions.toString(permissions)
                    + group.map(g -> " and group " + g).orElse("") + ": " + refused.getMessage(), refused);
        }
    }

    private GroupPrincipal groupPrincipal(Path path) throws IOException {
        try {
            return path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group.get());
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException unknown) {
            throw new PromptException("no group '" + group.get() + "' on this host "
                    + "(serveline.telephony.prompts.group): the PBX could not read the prompts", unknown);
        }
    }
}
