internal import CGit2
import Foundation

extension Repository {
    /// Commits `changes` onto the local branch `branch` without touching any working tree or index on disk.
    ///
    /// The new tree is the branch tip's tree with `changes` written and `removing` deleted, built in memory.
    /// The branch then moves with a compare-and-swap on the tip read at the start. When the branch does not
    /// exist yet, the commit is an orphan (no parents) and the branch is created.
    ///
    /// - Parameters:
    ///   - changes: repository paths (`a/b/c.md`) and their new contents; parent directories are created.
    ///   - removing: paths to delete; paths that are not there are ignored.
    ///   - branch: a branch name (`conveyor/state`) or a full reference (`refs/heads/conveyor/state`).
    ///   - message: the commit message; a final newline is added when missing, as `git commit` does.
    ///   - author: who made the change.
    ///   - committer: who committed it; the author when nil.
    /// - Returns: the new commit's id.
    /// - Throws: ``GitError/Code/modified`` when the branch moved meanwhile (another process wrote to it).
    public func commit(
        _ changes: [String: Data], removing: [String] = [], onto branch: String, message: String,
        author: Signature, committer: Signature? = nil
    ) async throws -> ObjectID {
        let reference = Self.qualifiedReference(branch)
        let tip = try resolveOnQueue(reference)
        let commit = try writeCommit(
            changes, removing: removing, parent: tip, message: message, author: author,
            committer: committer ?? author)
        try moveReference(reference, to: commit, expecting: tip)
        return commit
    }

    /// Commits `changes` onto the explicit `parent` (an orphan when nil) and optionally points `ref` at it.
    ///
    /// Used to build on a fetched remote tip (`parent` = the id of `refs/remotes/origin/x`). Like
    /// ``commit(_:removing:onto:message:author:committer:)`` it never touches a working tree or index.
    ///
    /// - Parameter ref: a reference to move to the new commit, whatever it pointed at before; the move is a
    ///   compare-and-swap against the value read at the start, so a concurrent writer is detected. Nothing is
    ///   moved when nil.
    /// - Returns: the new commit's id.
    public func commit(
        _ changes: [String: Data], removing: [String] = [], parent: ObjectID?, updating ref: String? = nil,
        message: String, author: Signature, committer: Signature? = nil
    ) async throws -> ObjectID {
        let reference = ref.map(Self.qualifiedReference)
        let previous = try reference.flatMap { try resolveOnQueue($0) }
        let commit = try writeCommit(
            changes, removing: removing, parent: parent, message: message, author: author,
            committer: committer ?? author)
        if let reference {
            try moveReference(reference, to: commit, expecting: previous)
        }
        return commit
    }

    /// Writes the blobs, trees and commit object; moves no reference.
    private func writeCommit(
        _ changes: [String: Data], removing: [String], parent: ObjectID?, message: String, author: Signature,
        committer: Signature
    ) throws -> ObjectID {
        var parentCommit: OpaquePointer?
        if var parentOID = parent?.gitOID {
            parentCommit = try GitError.make("git_commit_lookup") { git_commit_lookup($0, pointer, &parentOID) }
        }
        defer { git_commit_free(parentCommit) }
        var baseTree: OpaquePointer?
        if let parentCommit {
            baseTree = try GitError.make("git_commit_tree") { git_commit_tree($0, parentCommit) }
        }
        defer { git_tree_free(baseTree) }

        var treeOID = try TreeEditor(repository: pointer, base: baseTree).write(changes, removing: removing)
        let tree = try GitError.make("git_tree_lookup") { git_tree_lookup($0, pointer, &treeOID) }
        defer { git_tree_free(tree) }
        let authorSignature = try author.makeGitSignature()
        defer { git_signature_free(authorSignature) }
        let committerSignature = try committer.makeGitSignature()
        defer { git_signature_free(committerSignature) }

        let text = message.hasSuffix("\n") ? message : message + "\n"
        var parents: [OpaquePointer?] = parentCommit.map { [$0] } ?? []
        var commitOID = git_oid()
        try GitError.check(
            git_commit_create(
                &commitOID, pointer, nil, authorSignature, committerSignature, nil, text, tree, parents.count, &parents),
            "git_commit_create")
        return ObjectID(commitOID)
    }

    /// Points `reference` at `commit` if it still points at `expected` (or still does not exist when nil).
    ///
    /// - Throws: ``GitError/Code/modified`` when the reference holds anything else.
    func moveReference(_ reference: String, to commit: ObjectID, expecting expected: ObjectID?) throws {
        var newOID = commit.gitOID
        var oldOID = expected?.gitOID ?? git_oid()
        let log = "conveyor: commit"
        do {
            let moved = try GitError.make("git_reference_create_matching") { out in
                if expected == nil {
                    return git_reference_create_matching(out, pointer, reference, &newOID, 0, nil, log)
                }
                return git_reference_create_matching(out, pointer, reference, &newOID, 1, &oldOID, log)
            }
            git_reference_free(moved)
        } catch let error as GitError where error.code == .modified || error.code == .exists {
            throw GitError(
                klass: error.klass, code: .modified,
                message: GitMessages.referenceMoved(reference, expected: expected), operation: error.operation)
        }
    }
}
