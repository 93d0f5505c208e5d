internal import CGit2
import Foundation

extension Repository {
    /// Removes every untracked and ignored file and directory from the working tree (what `git clean -ffdx` does)
    /// and resets tracked files to `HEAD`, leaving `.git` alone; returns the top-level paths removed, sorted.
    ///
    /// A reused checkout can hold files an earlier job left behind (build output, an earlier agent's files,
    /// root-owned leftovers); an agent must start on exactly the commit it is given.
    ///
    /// - Throws: ``GitError`` when libgit2 cannot remove a path (e.g. a root-owned file in a directory the job
    ///   cannot write), naming the call.
    @discardableResult
    public func removeUntrackedAndIgnored() async throws -> [String] {
        var status = git_status_options()
        try GitError.check(
            git_status_options_init(&status, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        status.show = GIT_STATUS_SHOW_WORKDIR_ONLY
        status.flags =
            GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_INCLUDE_IGNORED.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        let list = try GitError.make("git_status_list_new") { git_status_list_new($0, pointer, &status) }
        var leftovers: [String] = []
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index)?.pointee,
                entry.status.rawValue & (GIT_STATUS_WT_NEW.rawValue | GIT_STATUS_IGNORED.rawValue) != 0,
                let path = entry.index_to_workdir?.pointee.new_file.path
            else { continue }
            leftovers.append(String(cString: path))
        }
        git_status_list_free(list)
        var options = git_checkout_options()
        try GitError.check(
            git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy =
            GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue
            | GIT_CHECKOUT_REMOVE_IGNORED.rawValue
        try GitError.check(git_checkout_head(pointer, &options), "git_checkout_head")
        return leftovers.sorted()
    }
}
