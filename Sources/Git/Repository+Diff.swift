internal import CGit2
import Foundation

extension Repository {
    /// The best common ancestor of the commits `one` and `two` name (what `git merge-base` prints), or nil when they
    /// share no history.
    ///
    /// - Throws: ``GitError/Code/notFound`` when either names nothing.
    public func mergeBase(_ one: String, _ two: String) async throws -> ObjectID? {
        var left = try commitOID(one)
        var right = try commitOID(two)
        var base = git_oid()
        let result = git_merge_base(&base, pointer, &left, &right)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try GitError.check(result, "git_merge_base")
        return ObjectID(base)
    }

    /// The repository-relative paths that differ between the trees of the commits `old` and `new` (what
    /// `git diff --name-only old new` prints, without rename detection: a renamed file shows both its paths),
    /// sorted. For a pull request pass its merge base as `old` (`git diff base...head`).
    ///
    /// - Throws: ``GitError/Code/notFound`` when either names nothing.
    public func changedPaths(from old: String, to new: String) async throws -> [String] {
        let oldTree = try tree(of: old)
        defer { git_tree_free(oldTree) }
        let newTree = try tree(of: new)
        defer { git_tree_free(newTree) }
        var options = git_diff_options()
        try GitError.check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags |= GIT_DIFF_IGNORE_SUBMODULES.rawValue
        let diff = try GitError.make("git_diff_tree_to_tree") {
            git_diff_tree_to_tree($0, pointer, oldTree, newTree, &options)
        }
        defer { git_diff_free(diff) }
        var paths = Set<String>()
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            for file in [delta.old_file, delta.new_file] {
                if let path = file.path { paths.insert(String(cString: path)) }
            }
        }
        return paths.sorted()
    }

    private func commitOID(_ ref: String) throws -> git_oid {
        let object = try GitError.make("git_revparse_single") { git_revparse_single($0, pointer, ref) }
        defer { git_object_free(object) }
        let commit = try GitError.make("git_object_peel") { git_object_peel($0, object, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        return git_object_id(commit).pointee
    }

    /// The tree of the commit `ref` names; the caller frees it with `git_tree_free`.
    private func tree(of ref: String) throws -> OpaquePointer {
        let object = try GitError.make("git_revparse_single") { git_revparse_single($0, pointer, ref) }
        defer { git_object_free(object) }
        return try GitError.make("git_object_peel") { git_object_peel($0, object, GIT_OBJECT_TREE) }
    }
}
