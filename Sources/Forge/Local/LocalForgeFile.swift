import Blocking
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The JSON file behind a ``LocalForge``, and the lock that serialises everyone who reads or changes it.
///
/// Every access opens the sibling `<file>.lock` (created when missing, never deleted) and takes
/// `flock` on it, exclusive to change the document and shared to read it, then reads and decodes the
/// whole document. A change writes the new document to a temporary file in the same folder, flushes
/// it and renames it over the old one, so nobody ever sees half a file. `flock` locks belong to an
/// open file, not a process, so two instances in one process exclude each other as two processes do.
///
/// Confinement: file access and the wait for the lock block, so they run on `queue`, a private serial
/// ``Blocking/BlockingQueue``, never on Swift's cooperative pool. The wait for the lock is bounded by
/// ``lockTimeout``.
struct LocalForgeFile: Sendable {
    /// The forge's JSON file.
    let url: URL
    /// The longest wait for another process to release the lock.
    let lockTimeout: Duration
    private let queue: BlockingQueue

    init(url: URL, lockTimeout: Duration = .seconds(30)) {
        self.url = url
        self.lockTimeout = lockTimeout
        queue = BlockingQueue(label: "conveyor.local-forge.file")
    }

    /// The lock file beside the JSON file, e.g. `forge.json.lock`.
    var lockURL: URL { url.appendingPathExtension("lock") }

    /// Runs `body` on the document under a shared lock.
    func read<T: Sendable>(
        _ body: @escaping @Sendable (LocalForgeDocument) throws(LocalForgeFailure) -> T
    ) async throws(LocalForgeFailure) -> T {
        try await onQueue { () throws(LocalForgeFailure) -> T in
            try withLock(LOCK_SH) { () throws(LocalForgeFailure) -> T in try body(load()) }
        }
    }

    /// Runs `body` on the document under an exclusive lock and writes the document back when `body`
    /// returns having changed it; when it throws, or changes nothing, the file stays as it was.
    func change<T: Sendable>(
        _ body: @escaping @Sendable (inout LocalForgeDocument) throws(LocalForgeFailure) -> T
    ) async throws(LocalForgeFailure) -> T {
        try await onQueue { () throws(LocalForgeFailure) -> T in
            try withLock(LOCK_EX) { () throws(LocalForgeFailure) -> T in
                let original = try load()
                var document = original
                let result = try body(&document)
                if document != original { try store(document) }
                return result
            }
        }
    }

    /// Writes `document` as a new file; fails when the file already exists.
    func create(_ document: LocalForgeDocument) async throws(LocalForgeFailure) {
        try await onQueue { () throws(LocalForgeFailure) in
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw LocalForgeFailure(.unavailable, "Could not create the folder of \(url.path): \(error).")
            }
            try withLock(LOCK_EX) { () throws(LocalForgeFailure) in
                guard !FileManager.default.fileExists(atPath: url.path) else {
                    throw LocalForgeFailure(
                        .rejected, "The local forge file \(url.path) already exists.",
                        remedy: "Open it with LocalForge(file:repository:), or delete it to start a fresh forge.")
                }
                try store(document)
            }
        }
    }

    private func onQueue<T: Sendable>(
        _ work: @escaping @Sendable () throws(LocalForgeFailure) -> T
    ) async throws(LocalForgeFailure) -> T {
        try await queue.run(work)
    }

    /// Holds `flock(mode)` on the lock file while `body` runs; closing the descriptor releases it.
    private func withLock<T>(
        _ mode: Int32, _ body: () throws(LocalForgeFailure) -> T
    ) throws(LocalForgeFailure) -> T {
        let descriptor = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.systemFailure("open the lock file \(lockURL.path)") }
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + lockTimeout
        var pause: useconds_t = 1_000
        while flock(descriptor, mode | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                throw Self.systemFailure("lock \(lockURL.path)", code: code)
            }
            guard ContinuousClock.now < deadline else {
                throw LocalForgeFailure(
                    .unavailable, "Another process held the lock \(lockURL.path) for longer than \(lockTimeout).",
                    remedy: "Wait for the other conveyor process to finish, or stop it if it is stuck.")
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        return try body()
    }

    private func load() throws(LocalForgeFailure) -> LocalForgeDocument {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LocalForgeFailure(
                .notFound, "There is no local forge file at \(url.path).",
                remedy: "Create it first with LocalForge.create(at:repository:owner:), as conveyor simulate does.")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LocalForgeFailure(.unavailable, "Could not read the local forge file \(url.path): \(error).")
        }
        return try LocalForgeCoding.decode(data, from: url)
    }

    private func store(_ document: LocalForgeDocument) throws(LocalForgeFailure) {
        let data = try LocalForgeCoding.encode(document)
        let name = ".\(url.lastPathComponent).\(UUID().uuidString).tmp"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(name)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.systemFailure("create \(temporary.path)") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary.path)
            throw LocalForgeFailure(.unavailable, "Could not write \(temporary.path): \(error).")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let failure = Self.systemFailure("replace \(url.path)")
            unlink(temporary.path)
            throw failure
        }
    }

    private static func systemFailure(_ action: String, code: Int32 = errno) -> LocalForgeFailure {
        LocalForgeFailure(.unavailable, "Could not \(action): \(String(cString: strerror(code))).")
    }
}
