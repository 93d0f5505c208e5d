import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with `posix_spawn`, for the test support's process runner and git server.
///
/// Not `Foundation.Process`: on Linux (swift-corelibs-foundation up to Swift 6.3.1) every `Process.run()` lists
/// `/proc/self/fd` by copying each directory entry's whole 256-byte `d_name`, which reads past glibc's buffer when
/// an entry sits at its end and the next page is unmapped — an intermittent SIGSEGV inside `Process.run()` that
/// the suite, spawning thousands of children, hit about once a run (fixed upstream in swift-corelibs-foundation
/// pull request 5472, after 6.3.1).
///
/// Like `Process`, the child leads a new process group and inherits no descriptor but its standard three
/// (`posix_spawn_file_actions_addclosefrom_np`, glibc 2.34 and later).
public struct SpawnedChild: Sendable {
    /// The child's process id, also its process group id.
    public let pid: pid_t

    /// How a child ended.
    public struct Termination: Sendable, Equatable {
        /// The exit status, or the signal number when ``signalled``.
        public let status: Int32
        /// True when a signal ended the child.
        public let signalled: Bool
    }

    /// Starts `executable` with `arguments` (not including the program name) and exactly `environment`.
    ///
    /// - Parameters:
    ///   - directory: the child's working directory; nil keeps this process's.
    ///   - standardInput: a descriptor the child reads as its standard input; nil means `/dev/null`.
    ///   - standardOutput: the file the child's standard output is written to (created or truncated).
    ///   - standardError: the file the child's standard error is written to (created or truncated).
    /// - Throws: ``SpawnError`` naming the program and the system's reason.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: URL? = nil,
        standardInput: Int32? = nil, standardOutput: URL, standardError: URL
    ) throws -> SpawnedChild {
        try start(
            executable, arguments, environment: environment, directory: directory, standardInput: standardInput,
            output: .file(standardOutput), error: .file(standardError))
    }

    /// Where a child's standard output or error goes.
    public enum Destination: Sendable {
        /// A file, created or truncated.
        case file(URL)
        /// An open descriptor of this process (e.g. a pipe's write end), duplicated onto the child's stream; the
        /// caller closes its own copy after the start.
        case descriptor(Int32)
    }

    /// Starts `executable` like ``start(_:_:environment:directory:standardInput:standardOutput:standardError:)``,
    /// with each output stream going to a file or to a descriptor (a pipe the test reads to its end).
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: URL? = nil,
        standardInput: Int32? = nil, output: Destination, error: Destination
    ) throws -> SpawnedChild {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let standardInput {
            posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        for (stream, destination) in [(Int32(1), output), (Int32(2), error)] {
            switch destination {
            case .file(let url):
                posix_spawn_file_actions_addopen(&actions, stream, url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .descriptor(let descriptor):
                posix_spawn_file_actions_adddup2(&actions, descriptor, stream)
            }
        }
        if let closeFrom = GlibcExtensions.closeFrom {
            _ = closeFrom(&actions, 3)
        }
        if let directory {
            guard let changeDirectory = GlibcExtensions.changeDirectory else {
                throw SpawnError(program: executable, reason: "this C library cannot set a child's directory")
            }
            _ = changeDirectory(&actions, directory.path)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A child spawned from a dispatch worker would otherwise inherit its mask, which blocks nearly every signal
        // (SIGTERM included); start every child with none blocked.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpawnError(program: executable, reason: String(cString: strerror(result)))
        }
        return SpawnedChild(pid: pid)
    }

    /// Blocks the calling thread until the child ends, and reaps it.
    ///
    /// Never call it on a dispatch or cooperative thread that async work needs: on two cores those pools are two
    /// threads wide, and a few waits starve every loopback server of the test process (use ``exit()``).
    public func wait() -> Termination {
        waitMeasured().termination
    }

    /// Blocks like ``wait()`` and also returns the CPU time (user + system, in seconds) the child and the
    /// descendants it waited for used, from `wait4`'s resource usage: what a benchmark charges to the child.
    public func waitMeasured() -> (termination: Termination, cpuSeconds: Double) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        return (Self.termination(status), Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime))
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }

    /// How the child ended, reaping it, when it has; nil while it runs. Once it returned a termination, neither it
    /// nor ``wait()`` may be called again.
    public func poll() -> Termination? {
        var status: Int32 = 0
        var reaped = waitpid(pid, &status, WNOHANG)
        while reaped == -1 && errno == EINTR { reaped = waitpid(pid, &status, WNOHANG) }
        guard reaped == pid else { return nil }
        return Self.termination(status)
    }

    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        if signal != 0 && signal != 0x7f {
            return Termination(status: signal, signalled: true)
        }
        return Termination(status: (status >> 8) & 0xff, signalled: false)
    }

    /// Waits for the child to end on a thread of its own, so no pool thread blocks while it runs.
    public func exit() async -> Termination {
        await exitMeasured().termination
    }

    /// Waits like ``exit()`` and also returns the CPU seconds the child used (see ``waitMeasured()``).
    public func exitMeasured() async -> (termination: Termination, cpuSeconds: Double) {
        await withCheckedContinuation { continuation in
            let waiter = Thread { continuation.resume(returning: waitMeasured()) }
            waiter.start()
        }
    }

    /// Sends `signal` to the child (not its group).
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }
}

/// A child that could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    /// The program that was to run.
    public let program: String
    /// Why it did not start, from the system.
    public let reason: String

    public var description: String { "Could not start \(program): \(reason)." }
}

/// A pipe whose two ends are closed on exec, so no other child inherits them; `posix_spawn`'s `dup2` onto a
/// standard descriptor clears the flag for the one child meant to have it.
public struct ClosingPipe: Sendable {
    /// The end the child reads.
    public let readEnd: Int32
    /// The end this process writes.
    public let writeEnd: Int32

    /// Creates the pipe.
    ///
    /// - Throws: ``SpawnError`` when the system has no descriptors left.
    public init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw SpawnError(program: "pipe", reason: String(cString: strerror(errno)))
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }
}

/// glibc's GNU extensions to `posix_spawn`, looked up at run time because Swift's Glibc module does not declare
/// them: `posix_spawn_file_actions_addclosefrom_np` (2.34) and `posix_spawn_file_actions_addchdir_np` (2.29).
private enum GlibcExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let closeFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let changeDirectory: ChangeDirectory? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        // RTLD_DEFAULT is the null handle on glibc.
        guard let address = dlsym(nil, name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
