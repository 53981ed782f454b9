package org.serveline.recordings.storage;

import org.serveline.recordings.ContentAddress;
import org.serveline.recordings.RecordingStoreException;

/** No object is stored at this address. */
public class RecordingNotFoundException extends RecordingStoreException {

    private final ContentAddress address;

    public RecordingNotFoundException(ContentAddress address) {
        super("no recording object stored at " + address);
        this.address = address;
    }

    public ContentAddress address() {
        return address;
    }
}
