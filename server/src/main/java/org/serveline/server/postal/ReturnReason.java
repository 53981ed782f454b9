package org.serveline.server.postal;

/** Why the carrier brought a mailing back, and the reason the task's channel failure carries. */
public enum ReturnReason {
    /** The party refused to accept it: in-person service lodges the documents next (留置送达). */
    REFUSED("拒收", "REFUSED_POST"),
    UNKNOWN_ADDRESS("地址不详", "POST_UNKNOWN_ADDRESS"),
    MOVED("迁移新址不明", "POST_MOVED"),
    NOBODY_HOME("无人签收", "POST_NOBODY_HOME");

    private final String chinese;
    private final String taskReason;

    ReturnReason(String chinese, String taskReason) {
        this.chinese = chinese;
        this.taskReason = taskReason;
    }

    public String chinese() {
        return chinese;
    }

    /** The reason of the task's CHANNEL_FAILED move. */
    public String taskReason() {
        return taskReason;
    }
}
