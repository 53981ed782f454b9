package org.serveline.recordings;

/** The two objects a recording consists of. */
public enum ObjectKind {
    /** The file exactly as the PBX wrote it: the evidence. */
    ORIGINAL,
    /** The verified Opus/Ogg listening copy. */
    COPY
}
