package org.hcgraph.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community embedded in a small JVM program, driven from Node (server/neo4j-local/launcher.ts).
 *
 * <p>Protocol: exactly one line goes to stdout, either
 * {@code NEO4J_READY {"bolt":"bolt://127.0.0.1:<port>","port":<port>,"version":"...","store":"<abs dir>","pid":<pid>}}
 * once the DBMS is up and answers {@code RETURN 1}, or {@code NEO4J_ERROR <one line>} followed by a non-zero exit.
 * Everything else goes to stderr. The DBMS shuts down cleanly on SIGINT/SIGTERM and when stdin reaches EOF
 * (the parent died), so no orphan JVM keeps the store lock.
 */
public final class Launcher {
    static final String HOST = "127.0.0.1";

    static final int EXIT_USAGE = 2;
    static final int EXIT_STORE_LOCKED = 3;
    static final int EXIT_PORT_IN_USE = 4;
    static final int EXIT_FAILED = 1;

    /** The real stdout; System.out is pointed at stderr so that nothing else can reach the protocol channel. */
    private static final PrintStream PROTOCOL = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);

    private static final Object LIFECYCLE = new Object();
    private static DatabaseManagementService dbms; // guarded by LIFECYCLE
    private static boolean stopping; // guarded by LIFECYCLE
    private static volatile Path deleteOnExit; // ephemeral store: removed after shutdown, even if the parent is gone

    private Launcher() {}

    record Options(Path store, int port, String txTimeout, String pageCache, boolean watchStdin, boolean deleteStore) {}

    public static void main(String[] args) {
        System.setOut(System.err);
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            fail(EXIT_USAGE, e.getMessage());
            return;
        }

        if (options.deleteStore()) deleteOnExit = options.store();
        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "neo4j-local-shutdown"));
        if (options.watchStdin()) startStdinWatcher();

        long started = System.nanoTime();
        try {
            Files.createDirectories(options.store());
        } catch (IOException e) {
            fail(EXIT_FAILED, "cannot create store directory " + options.store() + ": " + e);
            return;
        }

        if (storeLockHeld(options.store())) {
            // Neo4j finds out itself, but only several seconds into the start: say so at once.
            failFor(new org.neo4j.io.locker.FileLockException("store_lock is held by another process", null), options, options.port());
            return;
        }

        // Port 0: pick a free loopback port up front, so the advertised address (routing table for neo4j:// URIs)
        // carries the real port. Another process can grab it between probe and bind: retry a few times then.
        boolean anyPort = options.port() == 0;
        int attempts = anyPort ? 5 : 1;
        DatabaseManagementService service = null;
        int port = -1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            port = anyPort ? freePort() : options.port();
            if (!anyPort && !portFree(port)) {
                // Fail before the databases start (Bolt binds last, several seconds in); Neo4j's own bind error
                // below still covers a port taken in between.
                failFor(new BindException("Address already in use"), options, port);
                return;
            }
            try {
                service = start(options, port);
                break;
            } catch (Throwable t) {
                if (isStopping()) exitQuietly();
                if (hasCause(t, BindException.class) && attempt < attempts) {
                    System.err.println("neo4j-local: port " + port + " was taken meanwhile, trying another");
                    continue;
                }
                failFor(t, options, port);
                return;
            }
        }
        if (service == null) {
            exitQuietly();
            return;
        }

        try {
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            String version = probe(db);
            int boundPort = boundBoltPort(db, port);
            boolean announced = false;
            synchronized (LIFECYCLE) {
                if (!stopping) {
                    announced = true;
                    PROTOCOL.println("NEO4J_READY {\"bolt\":\"bolt://" + HOST + ":" + boundPort + "\",\"port\":" + boundPort
                            + ",\"version\":" + json(version) + ",\"store\":" + json(options.store().toString())
                            + ",\"pid\":" + ProcessHandle.current().pid() + "}");
                }
            }
            if (!announced) exitQuietly();
            System.err.printf(Locale.ROOT, "neo4j-local: Neo4j %s ready on bolt://%s:%d in %.1f s (store %s)%n",
                    version, HOST, boundPort, (System.nanoTime() - started) / 1e9, options.store());
        } catch (Throwable t) {
            if (isStopping()) exitQuietly();
            failFor(t, options, port);
            return;
        }
        // Main returns; the DBMS threads keep the JVM alive until a signal or stdin EOF.
    }

    private static DatabaseManagementService start(Options options, int port) throws IOException {
        Path store = options.store();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("server.bolt.enabled", "true");
        raw.put("server.bolt.listen_address", HOST + ":" + port);
        raw.put("server.bolt.advertised_address", HOST + ":" + port);
        raw.put("server.default_listen_address", HOST);
        raw.put("server.default_advertised_address", HOST);
        raw.put("server.http.enabled", "false");
        raw.put("server.https.enabled", "false");
        raw.put("dbms.security.auth_enabled", "false");
        raw.put("dbms.usage_report.enabled", "false");
        raw.put("db.transaction.timeout", options.txTimeout());
        // How often Neo4j looks for transactions past their timeout (default 2 s): a read given 0.5 s (the paths
        // resolver's budget for longer paths) otherwise ran for up to 2.5 s, and QUERY_TIMEOUT overshot likewise.
        raw.put("db.transaction.monitor.check.interval", "100ms");
        raw.put("server.memory.pagecache.size", options.pageCache());
        raw.put("server.directories.logs", store.resolve("logs").toString());
        // Bolt's netty event loops otherwise linger 5 s (quiet period) twice on shutdown, after the databases
        // have already been checkpointed and closed: stop them at once.
        raw.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        raw.put("internal.dbms.bolt.netty_server_shutdown_timeout", "5s");

        // The public embedded builder takes raw (string) settings from a properties file; Neo4j parses and
        // validates them itself (strict validation: a misspelt key fails the start). Kept for inspection.
        Path conf = store.resolve("conf").resolve("neo4j-local.conf");
        Files.createDirectories(conf.getParent());
        StringBuilder text = new StringBuilder("# Written by org.hcgraph.neo4jlocal.Launcher on every start; edits are overwritten.\n");
        raw.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(conf, text.toString(), StandardCharsets.UTF_8);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(store).loadPropertiesFromFile(conf);
        synchronized (LIFECYCLE) {
            if (!stopping) {
                dbms = builder.build();
                return dbms;
            }
        }
        exitQuietly(); // never inside LIFECYCLE: the shutdown hook takes it
        return null;
    }

    /** Runs RETURN 1 on the default database and returns the kernel version from dbms.components(). */
    private static String probe(GraphDatabaseService db) {
        String version = null;
        try (Transaction tx = db.beginTx()) {
            try (Result r = tx.execute("RETURN 1 AS one")) {
                Object one = r.next().get("one");
                if (!(one instanceof Number n) || n.longValue() != 1L) throw new IllegalStateException("RETURN 1 gave " + one);
            }
            try (Result r = tx.execute("CALL dbms.components() YIELD name, versions RETURN name, versions")) {
                while (r.hasNext()) {
                    Map<String, Object> row = r.next();
                    if ("Neo4j Kernel".equals(row.get("name")) && row.get("versions") instanceof java.util.List<?> vs && !vs.isEmpty()) {
                        version = String.valueOf(vs.get(0));
                    }
                }
            }
            tx.commit();
        }
        return version != null ? version : "unknown";
    }

    private static int boundBoltPort(GraphDatabaseService db, int configured) {
        if (db instanceof GraphDatabaseAPI api) {
            ConnectorPortRegister ports = api.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
            HostnamePort bolt = ports.getLocalAddress(ConnectorType.BOLT);
            if (bolt != null && bolt.getPort() > 0) return bolt.getPort();
        }
        return configured;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(false);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** True when another process holds the DBMS store lock (data/databases/store_lock) of this store. */
    private static boolean storeLockHeld(Path store) {
        Path lockFile = store.resolve("data").resolve("databases").resolve("store_lock");
        if (!Files.isRegularFile(lockFile)) return false;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) return true;
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // unreadable etc.: let Neo4j report it
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Netty binds: a port in TIME_WAIT is free, a listening one is not
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (BindException e) {
            return e.getMessage() == null || !e.getMessage().contains("in use"); // e.g. permission denied: Neo4j reports it
        } catch (IOException e) {
            return true;
        }
    }

    private static void startStdinWatcher() {
        Thread watcher = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // Anything written is ignored; only EOF matters.
                }
            } catch (IOException ignored) {
                // A broken pipe counts as EOF.
            }
            System.err.println("neo4j-local: stdin closed (parent gone), shutting down");
            System.exit(0);
        }, "neo4j-local-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static boolean isStopping() {
        synchronized (LIFECYCLE) {
            return stopping;
        }
    }

    /** Shutdown hook: stops the DBMS (waiting for a start in progress to finish first, as it holds LIFECYCLE). */
    private static void shutdown() {
        DatabaseManagementService service;
        synchronized (LIFECYCLE) {
            stopping = true;
            service = dbms;
            dbms = null;
        }
        if (service != null) {
            long t0 = System.nanoTime();
            try {
                service.shutdown();
                System.err.printf(Locale.ROOT, "neo4j-local: stopped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            } catch (Throwable t) {
                System.err.println("neo4j-local: error during shutdown: " + oneLine(t));
            }
        }
        Path store = deleteOnExit;
        if (store != null) deleteTree(store);
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; the Node side retries
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    private static void exitQuietly() {
        // A stop was requested while starting: the shutdown hook (already running) cleans up.
        System.exit(0);
    }

    private static void failFor(Throwable t, Options options, int port) {
        if (hasCause(t, org.neo4j.io.locker.FileLockException.class)
                || hasCause(t, org.neo4j.io.pagecache.impl.FileLockException.class)
                || messageContains(t, "store_lock") || messageContains(t, "locked by another process")) {
            fail(EXIT_STORE_LOCKED, "store directory " + options.store() + " is locked (store_lock held by another process):"
                    + " another Neo4j may be running on it; stop it or use a different store directory");
        } else if (hasCause(t, BindException.class)) {
            fail(EXIT_PORT_IN_USE, "Bolt port " + port + " on " + HOST + " is already in use (another Neo4j?);"
                    + " set NEO4J_BOLT_PORT to a free port, or 0 for any free port");
        } else {
            t.printStackTrace(System.err);
            fail(EXIT_FAILED, "Neo4j failed to start: " + describe(t));
        }
    }

    private static void fail(int code, String message) {
        String line = "NEO4J_ERROR " + message.replace('\n', ' ').replace('\r', ' ');
        PROTOCOL.println(line);
        System.err.println(line);
        System.exit(code);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return true;
            for (Throwable s : c.getSuppressed()) if (type.isInstance(s)) return true;
        }
        return false;
    }

    private static boolean messageContains(Throwable t, String needle) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(needle)) return true;
        }
        return false;
    }

    /** The messages along the cause chain (outer ones name the setting or database, the root says what broke). */
    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().strip().replaceAll("\\s+", " ");
            if (m.isEmpty() || b.indexOf(m) >= 0) continue;
            if (b.length() > 0) b.append(" <- ");
            b.append(c.getClass().getSimpleName()).append(": ").append(m);
            if (b.length() > 600) break;
        }
        return b.length() > 0 ? b.toString() : t.getClass().getName();
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip().replaceAll("\\s+", " "));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    static Options parse(String[] args) {
        String store = System.getenv("NEO4J_LOCAL_STORE");
        String port = System.getenv().getOrDefault("NEO4J_BOLT_PORT", "7687");
        String txTimeout = System.getenv().getOrDefault("NEO4J_LOCAL_TX_TIMEOUT", "30s");
        String pageCache = System.getenv().getOrDefault("NEO4J_LOCAL_PAGECACHE", "256m");
        boolean watchStdin = true;
        boolean deleteStore = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--store" -> store = value(args, ++i, a);
                case "--port" -> port = value(args, ++i, a);
                case "--tx-timeout" -> txTimeout = value(args, ++i, a);
                case "--pagecache" -> pageCache = value(args, ++i, a);
                case "--no-stdin-watch" -> watchStdin = false;
                case "--delete-store-on-exit" -> deleteStore = true;
                case "--help", "-h" -> throw new IllegalArgumentException(
                        "usage: Launcher --store <dir> [--port <n>|0] [--tx-timeout 30s] [--pagecache 256m] [--no-stdin-watch] [--delete-store-on-exit]");
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (store == null || store.isBlank()) throw new IllegalArgumentException("--store <dir> is required");
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number 0-65535, got " + port);
        }
        if (p < 0 || p > 65535) throw new IllegalArgumentException("--port must be a number 0-65535, got " + port);
        return new Options(Path.of(store).toAbsolutePath().normalize(), p, txTimeout, pageCache, watchStdin, deleteStore);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
