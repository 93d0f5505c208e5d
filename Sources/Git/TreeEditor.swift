internal import CGit2
import Foundation

/// Builds a new tree from a base tree plus file writes and removals, entirely in the object database.
///
/// Confinement: a short-lived value used inside one ``Repository`` method, on that repository's queue.
struct TreeEditor {
    /// The `git_repository *` to write blobs and trees into.
    let repository: OpaquePointer
    /// The `git_tree *` to start from; an empty tree when nil.
    let base: OpaquePointer?

    /// Writes the blobs for `changes`, then the trees for every touched directory, and returns the root tree id.
    func write(_ changes: [String: Data], removing: [String]) throws -> git_oid {
        for path in Array(changes.keys) + removing where !Self.isValid(path) {
            throw GitError(klass: .invalid, code: .invalid, message: GitMessages.invalidPath(path), operation: "commit")
        }
        if let both = removing.first(where: { changes[$0] != nil }) {
            throw GitError(
                klass: .invalid, code: .invalid, message: GitMessages.changedAndRemoved(both), operation: "commit")
        }
        var updates: [git_tree_update] = []
        var paths: [UnsafeMutablePointer<CChar>?] = []
        defer { paths.forEach { free($0) } }
        for (path, contents) in changes.sorted(by: { $0.key < $1.key }) {
            let copy = strdup(path)
            paths.append(copy)
            var update = git_tree_update()
            update.action = GIT_TREE_UPDATE_UPSERT
            update.id = try writeBlob(contents)
            update.filemode = GIT_FILEMODE_BLOB
            update.path = UnsafePointer(copy)
            updates.append(update)
        }
        for path in Set(removing).sorted() where exists(path) {
            let copy = strdup(path)
            paths.append(copy)
            var update = git_tree_update()
            update.action = GIT_TREE_UPDATE_REMOVE
            update.path = UnsafePointer(copy)
            updates.append(update)
        }
        var treeOID = git_oid()
        try GitError.check(
            git_tree_create_updated(&treeOID, repository, base, updates.count, updates), "git_tree_create_updated")
        return treeOID
    }

    private func writeBlob(_ contents: Data) throws -> git_oid {
        var oid = git_oid()
        try contents.withUnsafeBytes { bytes in
            try GitError.check(
                git_blob_create_from_buffer(&oid, repository, bytes.baseAddress, bytes.count),
                "git_blob_create_from_buffer")
        }
        return oid
    }

    /// True when the base tree has an entry at `path`.
    private func exists(_ path: String) -> Bool {
        guard let base else { return false }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, base, path) == 0 else { return false }
        git_tree_entry_free(entry)
        return true
    }

    /// A relative path of non-empty components, none of them `.`, `..` or `.git`.
    static func isValid(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        return !components.isEmpty
            && components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && $0.lowercased() != ".git" }
    }
}
