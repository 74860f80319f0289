import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/** Virtual threads that each make and release messages: ab's virtual-thread benchmark. */
public class VtMain {
    static final class Msg {
        long id;
        byte[] body;

        Msg(long id) {
            this.id = id;
            this.body = new byte[256];
        }
    }

    static final LongAdder SINK = new LongAdder();

    static void done(Msg m) {
        SINK.add(m.id + m.body.length);
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(args[0]);
        int per = Integer.parseInt(args[1]);
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < tasks; t++) {
                executor.submit(() -> {
                    for (int i = 0; i < per; i++) {
                        Msg m = new Msg(i);
                        if ((i & 255) == 0) {
                            Thread.yield();
                        }
                        done(m);
                    }
                });
            }
        }
        System.out.println("sink=" + SINK.sum() + " ns_per_msg=" + (System.nanoTime() - start) / ((double) tasks * per));
    }
}
