// A game loop driving thousands of scripted actors, each a Lua coroutine that waits for game
// frames through a Java function that yields. No Java threads: a waiting actor is only its stacks.
// Uses only the public API (dev.moonstack.api); docs/embedding.md explains each step.
//
//   mvn -q -DskipTests package && java -cp target/moonstack.jar examples/GameLoop.java [actors] [frames]

import dev.moonstack.api.Coroutine;
import dev.moonstack.api.JavaFunction;
import dev.moonstack.api.Lua;
import dev.moonstack.api.LuaFunction;
import dev.moonstack.api.Profile;
import java.util.ArrayList;
import java.util.List;

public class GameLoop {
    static final String ACTOR = String.join("\n",
            "local id = ...",
            "local steps = 0",
            "while true do",
            "  steps = steps + 1",
            "  if steps % 50 == 0 then report(id, steps) end",
            "  wait(1 + id % 3)          -- think, then sleep for a few frames",
            "end");

    public static void main(String[] args) {
        int actors = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Lua lua = Lua.builder().profile(Profile.SANDBOX).build();
        long[] reports = {0};
        // wait(n): suspend the calling actor, handing n to the loop, which resumes it n frames later
        lua.register("wait", args1 -> JavaFunction.yield(args1.checkLong(1)));
        lua.register("report", args1 -> {
            reports[0]++;
            return null;
        });
        LuaFunction script = lua.load(ACTOR, "=actor");
        List<Coroutine> scripts = new ArrayList<>();
        long[] wakeAt = new long[actors];
        long resumes = 0;
        for (int i = 0; i < actors; i++) {
            Coroutine co = lua.coroutine(script);
            Coroutine.Result r = co.resume(i);                     // runs to its first wait
            resumes++;
            wakeAt[i] = (Long) r.values[0];
            scripts.add(co);
        }
        long t0 = System.nanoTime();
        for (int frame = 1; frame <= frames; frame++) {
            for (int i = 0; i < actors; i++) {
                if (wakeAt[i] > frame) continue;
                Coroutine.Result r = scripts.get(i).resume();
                resumes++;
                if (r.kind != Coroutine.Result.Kind.YIELDED) throw new IllegalStateException("actor " + i + ": " + r.error);
                wakeAt[i] = frame + (Long) r.values[0];
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("actors=" + actors + " frames=" + frames + " resumes=" + resumes + " reports=" + reports[0]);
        System.out.println("time=" + ms + "ms (" + (resumes * 1000 / Math.max(ms, 1)) + " resumes/s)");
    }
}
