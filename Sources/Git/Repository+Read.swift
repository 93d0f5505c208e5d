internal import CGit2
import Foundation

extension Repository {
    /// The object `ref` names, or nil when nothing by that name exists.
    ///
    /// `ref` is any revision git understands: `main`, `refs/remotes/origin/main`, `HEAD`, `v1.0`, a full or
    /// abbreviated id. Annotated tags are peeled to the object they tag.
    public func resolve(_ ref: String) async throws -> ObjectID? {
        try resolveOnQueue(ref)
    }

    /// The contents of the file at `path` in the commit `ref` names, or nil when that commit has no such path.
    ///
    /// - Throws: ``GitError/Code/notFound`` when `ref` names nothing; ``GitError/Code/directory`` when `path`
    ///   is a directory.
    public func readBlob(at ref: String, path: String) async throws -> Data? {
        let object = try GitError.make("git_revparse_single") { git_revparse_single($0, pointer, ref) }
        defer { git_object_free(object) }
        let tree = try GitError.make("git_object_peel") { git_object_peel($0, object, GIT_OBJECT_TREE) }
        defer { git_object_free(tree) }
        let entry: OpaquePointer
        do {
            entry = try GitError.make("git_tree_entry_bypath") { git_tree_entry_bypath($0, tree, path) }
        } catch GitError.Code.notFound {
            return nil
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else {
            throw GitError(
                klass: .tree, code: .directory, message: GitMessages.notABlob(path: path, reference: ref),
                operation: "readBlob")
        }
        let blob = try GitError.make("git_blob_lookup") { git_blob_lookup($0, pointer, git_tree_entry_id(entry)) }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    /// Creates the local branch `name` at the commit `ref` names and returns that commit's id.
    ///
    /// - Throws: ``GitError/Code/exists`` when the branch already exists; ``GitError/Code/notFound`` when `ref`
    ///   names nothing.
    @discardableResult
    public func createBranch(_ name: String, from ref: String) async throws -> ObjectID {
        let object = try GitError.make("git_revparse_single") { git_revparse_single($0, pointer, ref) }
        defer { git_object_free(object) }
        let commit = try GitError.make("git_object_peel") { git_object_peel($0, object, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        let branch = try GitError.make("git_branch_create") { git_branch_create($0, pointer, name, commit, 0) }
        git_reference_free(branch)
        return ObjectID(git_object_id(commit))
    }

    /// ``resolve(_:)`` for code already on this actor's queue.
    func resolveOnQueue(_ ref: String) throws -> ObjectID? {
        let object: OpaquePointer
        do {
            object = try GitError.make("git_revparse_single") { git_revparse_single($0, pointer, ref) }
        } catch GitError.Code.notFound {
            return nil
        } catch GitError.Code.unbornBranch {
            return nil
        }
        defer { git_object_free(object) }
        guard git_object_type(object) == GIT_OBJECT_TAG else { return ObjectID(git_object_id(object)) }
        let target = try GitError.make("git_object_peel") { git_object_peel($0, object, GIT_OBJECT_ANY) }
        defer { git_object_free(target) }
        return ObjectID(git_object_id(target))
    }
}
