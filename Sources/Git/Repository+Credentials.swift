internal import CGit2
import Foundation

extension Repository {
    /// Removes every credential a checkout persisted in the repository's own configuration (`.git/config`) and in
    /// the files it includes, so the work tree an agent gets holds none.
    ///
    /// Removed: `http.extraheader` and `http.<url>.extraheader` (what `actions/checkout` writes with
    /// `persist-credentials: true`), every `credential.*` setting (helpers, user names), `url.<base>.insteadOf` and
    /// `pushInsteadOf` (a rewrite may carry a token), and `include.path` / `includeIf.<condition>.path` (newer
    /// `actions/checkout` keeps the header in a file under `RUNNER_TEMP` and includes it). An included file that
    /// exists is cleaned of the same settings too, since the agent could read it directly. A `remote.<name>.url` or
    /// `pushurl` with a password in it keeps its address without the user information.
    ///
    /// - Returns: what was removed, one line each: the setting's name (never its value), followed by
    ///   `in <file>` for an included file. Empty when the configuration was already clean.
    public func removePersistedCredentials() throws -> [String] {
        let gitDirectory = URL(fileURLWithPath: String(cString: git_repository_path(pointer)), isDirectory: true)
        var touched = [gitDirectory.appendingPathComponent("config")]
        let removed: [String]
        do {
            let repositoryConfig = try GitError.make("git_repository_config") { git_repository_config($0, pointer) }
            defer { git_config_free(repositoryConfig) }
            let local = try GitError.make("git_config_open_level") {
                git_config_open_level($0, repositoryConfig, GIT_CONFIG_LEVEL_LOCAL)
            }
            defer { git_config_free(local) }
            removed = try Self.removeCredentials(
                from: local, base: gitDirectory, suffix: "", depth: 0, touched: &touched)
        }
        // libgit2 deletes the settings but keeps their section headers, and a header such as
        // `[url "https://user:token@host/"]` is itself a credential.
        for file in touched { try Self.dropEmptySections(of: file) }
        return removed.map { Redaction.scrub($0) }
    }

    /// Rewrites the configuration file `file` without the section headers that no longer hold a setting.
    static func dropEmptySections(of file: URL) throws {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        var lines = text.components(separatedBy: "\n")
        var index = lines.count - 1
        var sectionHasSettings = false
        while index >= 0 {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                let afterHeader = trimmed.firstIndex(of: "]").map { trimmed[trimmed.index(after: $0)...] } ?? ""
                let inline = afterHeader.trimmingCharacters(in: .whitespaces)
                if !sectionHasSettings && (inline.isEmpty || inline.hasPrefix("#") || inline.hasPrefix(";")) {
                    lines.remove(at: index)
                }
                sectionHasSettings = false
            } else if !trimmed.isEmpty && !trimmed.hasPrefix("#") && !trimmed.hasPrefix(";") {
                sectionHasSettings = true
            }
            index -= 1
        }
        let cleaned = lines.joined(separator: "\n")
        guard cleaned != text else { return }
        try Data(cleaned.utf8).write(to: file, options: .atomic)
    }

    /// Removes the credential settings of one configuration file (and, recursively, of what it includes).
    private static func removeCredentials(
        from config: OpaquePointer, base: URL, suffix: String, depth: Int, touched: inout [URL]
    ) throws -> [String] {
        var doomed: [String] = []
        var includes: [String] = []
        var remoteURLs: [(name: String, value: String)] = []
        do {
            let iterator = try GitError.make("git_config_iterator_new") { git_config_iterator_new($0, config) }
            defer { git_config_iterator_free(iterator) }
            var entry: UnsafeMutablePointer<git_config_entry>?
            while git_config_next(&entry, iterator) == 0, let current = entry?.pointee {
                guard current.include_depth == 0, let rawName = current.name else { continue }
                let name = String(cString: rawName)
                let value = current.value.map { String(cString: $0) } ?? ""
                let lowered = name.lowercased()
                if isIncludePath(lowered) { includes.append(value) }
                if isCredentialSetting(lowered) {
                    doomed.append(name)
                } else if isRemoteURL(lowered), let stripped = withoutUserInfo(value) {
                    remoteURLs.append((name, stripped))
                }
            }
        }
        var removed: [String] = []
        for name in Set(doomed).sorted() {
            let result = git_config_delete_multivar(config, name, ".*")
            if result < 0 && result != GIT_ENOTFOUND.rawValue {
                try GitError.check(result, "git_config_delete_multivar")
            }
            removed.append(name + suffix)
        }
        for (name, stripped) in remoteURLs {
            try GitError.check(git_config_set_string(config, name, stripped), "git_config_set_string")
            removed.append("\(name) (password)" + suffix)
        }
        guard depth < 4 else { return removed }
        for path in includes {
            let file = resolve(includePath: path, base: base)
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            guard let included = try? GitError.make("git_config_open_ondisk", { git_config_open_ondisk($0, file.path) })
            else { continue }
            defer { git_config_free(included) }
            touched.append(file)
            removed += try removeCredentials(
                from: included, base: file.deletingLastPathComponent(), suffix: " in \(file.path)", depth: depth + 1,
                touched: &touched)
        }
        return removed
    }

    /// `include.path` or `includeIf.<condition>.path`, in lower case.
    static func isIncludePath(_ lowered: String) -> Bool {
        lowered == "include.path" || (lowered.hasPrefix("includeif.") && lowered.hasSuffix(".path"))
    }

    /// Whether a setting (its name in lower case) can carry or produce a credential.
    static func isCredentialSetting(_ lowered: String) -> Bool {
        (lowered.hasPrefix("http.") && lowered.hasSuffix(".extraheader")) || lowered.hasPrefix("credential.")
            || (lowered.hasPrefix("url.") && (lowered.hasSuffix(".insteadof") || lowered.hasSuffix(".pushinsteadof")))
            || isIncludePath(lowered)
    }

    private static func isRemoteURL(_ lowered: String) -> Bool {
        lowered.hasPrefix("remote.") && (lowered.hasSuffix(".url") || lowered.hasSuffix(".pushurl"))
    }

    /// `value` without `user:password@`, or nil when it has no password.
    private static func withoutUserInfo(_ value: String) -> String? {
        guard var components = URLComponents(string: value), components.password != nil else { return nil }
        components.user = nil
        components.password = nil
        return components.string
    }

    /// An include path as git resolves it: `~/` from `HOME`, a relative path from the including file's folder.
    private static func resolve(includePath path: String, base: URL) -> URL {
        if path.hasPrefix("~/") {
            return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(String(path.dropFirst(2)))
        }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }
}
