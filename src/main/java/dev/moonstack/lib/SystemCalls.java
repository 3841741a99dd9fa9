package dev.moonstack.lib;

import dev.moonstack.vm.LuaThread;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * What a C library call on a file gives a Lua program: the file name C sees (up to the first
 * zero byte), and for a failure its errno and strerror text, recovered from the Java exception
 * that stands for it, in Lua's failure triple (Lua: luaL_fileresult).
 *
 * <p>Java's file exceptions carry the operating system's own strerror text (the reason of a
 * {@link FileSystemException}, the parenthesis of a {@link FileNotFoundException}, the
 * "error=N, text" of a process that could not start), so the text is kept and the number is
 * looked up from it; the table holds glibc's texts for the errors that file calls report.
 */
public final class SystemCalls {
    private SystemCalls() {}

    /** C's errno values with glibc's strerror texts, for the errors of file and process calls. */
    private static final Object[] ERRNO = {
        1, "Operation not permitted", 2, "No such file or directory", 5, "Input/output error",
        7, "Argument list too long", 8, "Exec format error", 9, "Bad file descriptor",
        12, "Cannot allocate memory", 13, "Permission denied", 16, "Device or resource busy",
        17, "File exists", 18, "Invalid cross-device link", 19, "No such device",
        20, "Not a directory", 21, "Is a directory", 22, "Invalid argument",
        23, "Too many open files in system", 24, "Too many open files", 26, "Text file busy",
        27, "File too large", 28, "No space left on device", 29, "Illegal seek",
        30, "Read-only file system", 31, "Too many links", 32, "Broken pipe",
        36, "File name too long", 39, "Directory not empty", 40, "Too many levels of symbolic links",
        122, "Disk quota exceeded",
    };
    private static final int EIO = 5;

    /** A file name as a C function receives it: up to its first zero byte. */
    public static String cName(String name) {
        int z = name.indexOf('\0');
        return z < 0 ? name : name.substring(0, z);
    }

    /**
     * The path of a C file name ({@link #cName} applied), for a call that does not create it.
     * The empty name fails as the kernel fails it (ENOENT), where Java would take it for the
     * current directory; so does a name ending in '/' (which Java drops) that is not a
     * directory (ENOTDIR when it exists).
     */
    public static Path path(String cName) throws IOException {
        return path(cName, false);
    }

    /** As {@link #path(String)}; when {@code create}, a missing name ending in '/' is EISDIR, as open(O_CREAT) says. */
    public static Path path(String cName, boolean create) throws IOException {
        if (cName.isEmpty()) throw new NoSuchFileException(cName);
        Path p = Path.of(cName);
        if (cName.endsWith("/") && !Files.isDirectory(p)) {
            if (Files.exists(p)) throw new NotDirectoryException(cName);
            Path parent = p.toAbsolutePath().getParent();
            if (create && parent != null && Files.isDirectory(parent)) throw new FileSystemException(cName, null, text(21));
            throw new NoSuchFileException(cName);
        }
        return p;
    }

    /** C's errno for a failure (EIO when Java does not say). */
    public static int errno(IOException e) {
        String text = strerror(e);
        for (int i = 1; i < ERRNO.length; i += 2) if (text.equals(ERRNO[i])) return (Integer) ERRNO[i - 1];
        String m = String.valueOf(e.getMessage());            // a process: "...: error=N, reason"
        int k = m.indexOf("error="), comma = k < 0 ? -1 : m.indexOf(", ", k);
        return comma > k + 6 && m.substring(k + 6, comma).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(m.substring(k + 6, comma)) : EIO;
    }

    /** C's strerror text for a failure. */
    public static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) return text(2);
        if (e instanceof AccessDeniedException) return text(13);
        if (e instanceof FileAlreadyExistsException) return text(17);
        if (e instanceof AtomicMoveNotSupportedException) return text(18);
        if (e instanceof NotDirectoryException) return text(20);
        if (e instanceof DirectoryNotEmptyException) return text(39);
        String said = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        if (said == null) return text(EIO);
        if (e instanceof FileNotFoundException && said.endsWith(")") && said.lastIndexOf(" (") >= 0) {
            said = said.substring(said.lastIndexOf(" (") + 2, said.length() - 1);   // "name (reason)"
        } else if (said.indexOf("error=") >= 0 && said.indexOf(", ", said.indexOf("error=")) > 0) {
            said = said.substring(said.indexOf(", ", said.indexOf("error=")) + 2);   // a process: "error=N, reason"
        }
        for (int i = 1; i < ERRNO.length; i += 2) {
            if (said.startsWith((String) ERRNO[i])) return (String) ERRNO[i];   // ELOOP's reason has a tail
        }
        return said;
    }

    private static String text(int errno) {
        for (int i = 0; i < ERRNO.length; i += 2) if ((Integer) ERRNO[i] == errno) return (String) ERRNO[i + 1];
        throw new IllegalArgumentException("errno " + errno);
    }

    /**
     * Lua: luaL_fileresult. Pushes true when {@code e} is null, else nil, the strerror text
     * (after "name: " when a name is given) and the errno. Stack: +1 or +3; returns the count.
     */
    public static int fileResult(LuaThread L, IOException e, String name) {
        if (e == null) {
            L.pushBoolean(true);
            return 1;
        }
        L.pushNil();
        String text = strerror(e);
        L.pushString(name == null ? text : name + ": " + text);
        L.pushInteger(errno(e));
        return 3;
    }
}
