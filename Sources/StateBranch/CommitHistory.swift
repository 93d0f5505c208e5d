internal import CGit2
import Dispatch
import Foundation
import Git

/// Reads the first-parent history of the state branch from the cache repository.
///
/// The Git module offers no commit-reading call yet, so this walk opens its own read-only libgit2 handle.
/// Confinement: the handle is opened, used and freed inside one block on a private serial `DispatchQueue`; it
/// never leaves that queue and never touches Swift's cooperative pool. No reference is written.
enum CommitHistory {
    private static let queue = DispatchQueue(label: "conveyor.state-branch.history")

    /// Up to `limit` commits from `tip` back along first parents, newest first.
    static func walk(repositoryAt directory: URL, from tip: ObjectID, limit: Int) async throws -> [StateCommit] {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try walkOnQueue(directory: directory, tip: tip, limit: limit) })
            }
        }
    }

    private static func walkOnQueue(directory: URL, tip: ObjectID, limit: Int) throws -> [StateCommit] {
        git_libgit2_init()
        defer { git_libgit2_shutdown() }
        var repository: OpaquePointer?
        try check(git_repository_open(&repository, directory.path), "git_repository_open")
        defer { git_repository_free(repository) }
        var commits: [StateCommit] = []
        var next: git_oid? = try gitOID(tip)
        while var id = next, commits.count < limit {
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, repository, &id), "git_commit_lookup")
            defer { git_commit_free(commit) }
            let parents = (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0) }
            commits.append(
                StateCommit(
                    id: try objectID(id), parents: try parents.map { try objectID($0.pointee) },
                    date: Date(timeIntervalSince1970: TimeInterval(git_commit_time(commit))),
                    summary: git_commit_summary(commit).map { String(cString: $0) } ?? ""))
            next = parents.first?.pointee
        }
        return commits
    }

    /// Throws a ``GitError`` built from `git_error_last()` when `result` is negative; same thread, right after.
    private static func check(_ result: Int32, _ operation: String) throws {
        guard result < 0 else { return }
        let recorded = git_error_last()
        let message = recorded?.pointee.message.map { String(cString: $0) } ?? "libgit2 returned \(result)"
        throw GitError(
            klass: GitError.Class(rawValue: recorded?.pointee.klass ?? 0), code: GitError.Code(rawValue: result),
            message: message, operation: operation)
    }

    private static func gitOID(_ id: ObjectID) throws -> git_oid {
        var oid = git_oid()
        try check(git_oid_fromstr(&oid, id.description), "git_oid_fromstr")
        return oid
    }

    private static func objectID(_ oid: git_oid) throws -> ObjectID {
        let hex = withUnsafeBytes(of: oid.id) { bytes in
            bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        }
        guard let id = ObjectID(hex: hex) else {
            throw GitError(klass: .object, code: .invalid, message: "bad object id \(hex)", operation: "git_oid")
        }
        return id
    }
}
