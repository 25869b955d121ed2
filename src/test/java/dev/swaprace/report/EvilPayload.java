package dev.swaprace.report;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/** A serializable class no blob may carry: it counts every time deserialization touches it. */
public class EvilPayload implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger READS = new AtomicInteger();

    String command = "rm -rf /";

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        READS.incrementAndGet();
        in.defaultReadObject();
    }

    private Object readResolve() {
        READS.incrementAndGet();
        return this;
    }
}
