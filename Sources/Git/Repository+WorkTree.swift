internal import CGit2
import Foundation

extension Repository {
    /// The repository-relative paths that differ between `HEAD` and the working tree: added (including
    /// untracked files in untracked directories), modified and deleted, sorted. Ignored files are left out.
    ///
    /// Conveyor compares these with a stage's write scope before anything is committed.
    public func changedPaths() async throws -> [String] {
        var options = git_status_options()
        try GitError.check(
            git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags =
            GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        let list = try GitError.make("git_status_list_new") { git_status_list_new($0, pointer, &options) }
        defer { git_status_list_free(list) }
        var paths = Set<String>()
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index)?.pointee else { continue }
            for delta in [entry.head_to_index, entry.index_to_workdir].compactMap({ $0?.pointee }) {
                for file in [delta.old_file, delta.new_file] {
                    if let path = file.path { paths.insert(String(cString: path)) }
                }
            }
        }
        return paths.sorted()
    }

    /// Points the local branch `name` at the commit `ref` names (creating or moving it), checks it out into
    /// the working tree (discarding local changes to tracked files) and makes it `HEAD`.
    ///
    /// - Parameter cleaning: also remove every untracked and ignored file and directory in the same pass over the
    ///   working tree (what ``removeUntrackedAndIgnored()`` does afterwards, without a second pass).
    /// - Returns: the commit the branch now points at.
    /// - Throws: ``GitError/Code/notFound`` when `ref` names nothing.
    @discardableResult
    public func switchBranch(_ name: String, to ref: String, cleaning: Bool = false) async throws -> ObjectID {
        let object = try GitError.make("git_revparse_single") { git_revparse_single($0, pointer, ref) }
        defer { git_object_free(object) }
        let commit = try GitError.make("git_object_peel") { git_object_peel($0, object, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        var options = git_checkout_options()
        try GitError.check(
            git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy =
            GIT_CHECKOUT_FORCE.rawValue
            | (cleaning ? GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue | GIT_CHECKOUT_REMOVE_IGNORED.rawValue : 0)
        try GitError.check(git_checkout_tree(pointer, commit, &options), "git_checkout_tree")
        // git_reference_create (unlike git_branch_create) may move the branch HEAD is on.
        let reference = Self.qualifiedReference(name)
        let branch = try GitError.make("git_reference_create") {
            git_reference_create($0, pointer, reference, git_object_id(commit), 1, "conveyor: switch to \(ref)")
        }
        git_reference_free(branch)
        try GitError.check(git_repository_set_head(pointer, reference), "git_repository_set_head")
        return ObjectID(git_object_id(commit))
    }
}
