internal import CGit2
import Foundation

/// A git repository on disk, driven through libgit2.
///
/// Confinement: an actor whose executor is a private serial `DispatchQueue` (``QueueExecutor``). Every libgit2
/// call on this repository runs on that queue, one at a time, never on Swift's cooperative thread pool. Two
/// `Repository` values (even for the same directory) have separate queues and may run at the same time.
///
/// Create one with ``open(at:)``, ``clone(from:to:credentials:branch:bare:timeout:)`` or
/// ``initialize(at:bare:)``.
public actor Repository {
    private let executor: QueueExecutor
    private let handle: RepositoryHandle

    /// The directory that was opened, cloned into or initialised.
    public nonisolated let location: URL

    /// Runs this actor's code on its private queue.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    init(handle: RepositoryHandle, executor: QueueExecutor, location: URL) {
        self.handle = handle
        self.executor = executor
        self.location = location
    }

    /// The libgit2 repository; only valid on this actor's queue, while the actor is alive.
    var pointer: OpaquePointer { handle.pointer }

    /// True when the repository has no working tree.
    public var isBare: Bool {
        git_repository_is_bare(pointer) == 1
    }
}

extension Repository {
    /// Opens the repository at `url` (a working tree or a bare repository); does not search parent directories.
    ///
    /// - Throws: ``GitError`` with code ``GitError/Code/notFound`` when `url` is not a repository.
    public static func open(at url: URL) async throws -> Repository {
        let executor = QueueExecutor(label: "repository")
        let handle = try await executor.run {
            LibGit2.ensureInitialized()
            let flags = UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
            return RepositoryHandle(
                try GitError.make("git_repository_open_ext") { git_repository_open_ext($0, url.path, flags, nil) })
        }
        return Repository(handle: handle, executor: executor, location: url)
    }

    /// Creates an empty repository at `url` (or reopens one that is already there).
    public static func initialize(at url: URL, bare: Bool = false) async throws -> Repository {
        let executor = QueueExecutor(label: "repository")
        let handle = try await executor.run {
            LibGit2.ensureInitialized()
            return RepositoryHandle(
                try GitError.make("git_repository_init") { git_repository_init($0, url.path, bare ? 1 : 0) })
        }
        return Repository(handle: handle, executor: executor, location: url)
    }
}
