package dev.moonstack.dap;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * {@code moonstack --dap}: a Debug Adapter Protocol session on stdin/stdout, as VS Code starts
 * adapters. stdout carries only the protocol, so System.out is pointed at stderr first.
 */
public final class DapMain {
    private DapMain() {}

    public static void main(String[] args) {
        FileOutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        try {
            DapServer.serve(new FileInputStream(FileDescriptor.in), protocol);
        } catch (Exception e) {
            System.err.println("moonstack --dap: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
