package dev.moonstack.value;

/**
 * A variable captured by closures (Lua: UpVal). While open it points at a slot of a
 * coroutine's value stack; closing copies the value into the upvalue's own cell.
 *
 * <p>Readers always go through {@code refs[idx]} / {@code nums[idx]}: open, these are the
 * value stack's arrays (repointed by the stack whenever it reallocates); closed, a private
 * one-element cell. So reads and writes never branch on the state.
 */
public final class UpVal {
    public Object[] refs;
    public long[] nums;
    public int idx;
    /** Next open upvalue of the same coroutine, at a lower stack index; null once closed. */
    public UpVal next;
    private boolean open;

    /** An open upvalue on stack slot {@code idx}. */
    public UpVal(Object[] refs, long[] nums, int idx) {
        this.refs = refs;
        this.nums = nums;
        this.idx = idx;
        this.open = true;
        if (MemoryAccount.profiled()) MemoryAccount.made(this, BYTES);   // memprof (docs/profiling.md)
    }

    /**
     * An upvalue's size for the memory profiler: its object with compressed references. A
     * marking counts no upvalue of its own (each closure counts a reference per upvalue), so
     * collectgarbage("count") leaves these out.
     */
    public static final int BYTES = 32;

    /** A closed upvalue holding (ref, num). */
    public static UpVal closed(Object ref, long num) {
        UpVal uv = new UpVal(new Object[] {ref}, new long[] {num}, 0);
        uv.open = false;
        return uv;
    }

    public boolean isOpen() { return open; }

    public Object ref() { return refs[idx]; }

    public long num() { return nums[idx]; }

    public void set(Object ref, long num) {
        nums[idx] = num;
        refs[idx] = ref;
    }

    /** Copies the stack value into a private cell (Lua: luaF_closeupval, one upvalue). */
    public void close() {
        Object r = refs[idx];
        long n = nums[idx];
        refs = new Object[] {r};
        nums = new long[] {n};
        idx = 0;
        next = null;
        open = false;
    }
}
