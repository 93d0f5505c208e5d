import ConveyorTestSupport
import Foundation
import Pipeline
import Testing
import Triggers

/// Every real and constructed payload of the corpus, resolved with default labels and no state.
@Suite struct CorpusDecisionTests {
    /// What a corpus file must resolve to: `run` with an operation, or `skip` with a code.
    struct Expected: Sendable, CustomStringConvertible {
        let action: String
        let operation: String?
        let number: Int?
        let kind: WorkItemRef.Kind?
        let mode: RunMode?
        let skipCode: SkipCode?

        static func run(_ operation: String, _ number: Int?, _ kind: WorkItemRef.Kind?) -> Expected {
            Expected(action: "run", operation: operation, number: number, kind: kind, mode: .run, skipCode: nil)
        }

        static func skip(_ code: SkipCode, _ number: Int? = nil, _ kind: WorkItemRef.Kind? = nil) -> Expected {
            Expected(action: "skip", operation: nil, number: number, kind: kind, mode: nil, skipCode: code)
        }

        var description: String { "\(action) \(operation ?? skipCode?.name ?? "") #\(number.map(String.init) ?? "-")" }
    }

    static let github: [String: Expected] = [
        "check_run.created.json": .skip(.eventNotHandled),
        "constructed.issue_comment.created.on-pull-request.json": .skip(.notACommand, 1, .pullRequest),
        "constructed.schedule.json": .run("tick", nil, nil),
        "issue_comment.created.json": .skip(.notACommand, 1, .issue),
        "issue_comment.created.with-installation.json": .skip(.notACommand, 1, .issue),
        "issue_comment.deleted.json": .skip(.actionNotHandled, 1, .issue),
        "issue_comment.edited.json": .skip(.actionNotHandled, 1, .issue),
        "issues.assigned.json": .skip(.actionNotHandled, 1, .issue),
        "issues.edited.json": .skip(.actionNotHandled, 1, .issue),
        "issues.labeled.json": .skip(.notTriggerLabel, 1, .issue),
        "issues.labeled.with-organization.json": .skip(.notTriggerLabel, 1, .issue),
        "issues.opened.json": .skip(.actionNotHandled, 1, .issue),
        "issues.opened.with-empty-body.json": .skip(.actionNotHandled, 1, .issue),
        "issues.reopened.json": .skip(.actionNotHandled, 1, .issue),
        "issues.unlabeled.json": .skip(.actionNotHandled, 1, .issue),
        "label.created.json": .skip(.eventNotHandled),
        "ping.json": .skip(.eventNotHandled),
        "pull_request.closed.json": .skip(.actionNotHandled, 2, .pullRequest),
        "pull_request.labeled.json": .skip(.notTriggerLabel, 2, .pullRequest),
        "pull_request.opened.json": .run("doc-audit", 2, .pullRequest),
        "pull_request.opened.with-null-body.json": .run("doc-audit", 2, .pullRequest),
        "pull_request.ready_for_review.json": .run("doc-audit", 2, .pullRequest),
        "pull_request.reopened.json": .run("doc-audit", 2, .pullRequest),
        "pull_request.synchronize.json": .run("doc-audit", 2, .pullRequest),
        "pull_request.unlabeled.json": .skip(.actionNotHandled, 2, .pullRequest),
        "pull_request_review.submitted.json": .skip(.reviewNotApproval, 2, .pullRequest),
        "pull_request_review_comment.created.json": .skip(.eventNotHandled),
        "push.json": .skip(.eventNotHandled),
        "push.with-new-branch.json": .skip(.eventNotHandled),
        "status.json": .skip(.eventNotHandled),
        "workflow_dispatch.json": .skip(.missingInput),
        "workflow_run.completed.json": .skip(.eventNotHandled),
    ]

    static let gitea: [String: Expected] = [
        "constructed.issues.label_updated.json": .skip(.notTriggerLabel, 8, .issue),
        "constructed.workflow_dispatch.json": .skip(.missingInput, 8, .issue),
        "goscm-gitea.issue_comment_created.json": .skip(.notACommand, 1, .issue),
        "goscm-gitea.issues_opened.json": .skip(.actionNotHandled, 1, .issue),
        "goscm-gitea.pull_request_comment_created.json": .skip(.notACommand, 2, .pullRequest),
        "goscm-gitea.pull_request_opened.json": .run("doc-audit", 1, .pullRequest),
        "goscm-gitea.pull_request_synchronized.json": .run("doc-audit", 1, .pullRequest),
        "goscm-gitea.push.json": .skip(.eventNotHandled),
        "woodpecker-forgejo.HookPullRequestLabelAdded.json": .skip(.noNewTriggerLabel, 1, .pullRequest),
        "woodpecker-forgejo.HookPullRequestLabelsCleared.json": .skip(.actionNotHandled, 1, .pullRequest),
        "woodpecker-forgejo.HookPullRequestLabelsUpdated.json": .skip(.noNewTriggerLabel, 1, .pullRequest),
        "woodpecker-forgejo.HookPullRequestUpdated.json": .run("doc-audit", 2, .pullRequest),
        "woodpecker-gitea.HookPullRequest.json": .run("doc-audit", 1, .pullRequest),
        "woodpecker-gitea.HookPullRequestAddLabel.json": .skip(.noNewTriggerLabel, 7, .pullRequest),
        "woodpecker-gitea.HookPullRequestChangeLabel.json": .skip(.noNewTriggerLabel, 7, .pullRequest),
        "woodpecker-gitea.HookPullRequestChangeTitle.json": .skip(.actionNotHandled, 7, .pullRequest),
        "woodpecker-gitea.HookPullRequestClosed.json": .skip(.actionNotHandled, 1, .pullRequest),
        "woodpecker-gitea.HookPullRequestMerged.json": .skip(.actionNotHandled, 1, .pullRequest),
        "woodpecker-gitea.HookPullRequestRemoveLabel.json": .skip(.actionNotHandled, 7, .pullRequest),
        "woodpecker-gitea.HookPullRequestReopened.json": .run("doc-audit", 1, .pullRequest),
        "woodpecker-gitea.HookPullRequestReviewComment.json": .skip(.actionNotHandled, 7, .pullRequest),
        "woodpecker-gitea.HookPullRequestUpdated.json": .run("doc-audit", 2, .pullRequest),
        "woodpecker-gitea.HookPush.json": .skip(.eventNotHandled),
        "zulip-gitea.issue_comment__in_pr.json": .skip(.notACommand, 1, .pullRequest),
        "zulip-gitea.issue_comment__new.json": .skip(.notACommand, 3, .issue),
        "zulip-gitea.issues__opened.json": .skip(.actionNotHandled, 3, .issue),
    ]

    /// The event name of a GitHub corpus file: its first name component (after `constructed.`).
    static func githubEvent(_ file: String) -> String {
        let parts = file.split(separator: ".").map(String.init)
        return parts.first == "constructed" ? parts[1] : parts[0]
    }

    /// The event name of a Gitea corpus file, inferred from the name after the source prefix.
    static func giteaEvent(_ file: String) -> String {
        let parts = file.split(separator: ".").map(String.init)
        let stem = parts[1]
        if stem.hasPrefix("HookPullRequest") { return "pull_request" }
        if stem.hasPrefix("HookPush") || stem == "push" { return "push" }
        if stem.contains("comment") { return "issue_comment" }
        if stem.hasPrefix("issues") { return "issues" }
        if stem.hasPrefix("pull_request") { return "pull_request" }
        return stem
    }

    /// The `.json` files of a corpus folder, so a new file cannot be forgotten.
    static func jsonFiles(in folder: String) throws -> Set<String> {
        let names = try FileManager.default.contentsOfDirectory(atPath: Corpus.url(folder).path)
        return Set(names.filter { $0.hasSuffix(".json") })
    }

    @Test func everyCorpusFileHasAnExpectation() throws {
        #expect(try Self.jsonFiles(in: "github-events") == Set(Self.github.keys))
        #expect(try Self.jsonFiles(in: "gitea-events") == Set(Self.gitea.keys))
    }

    @Test func githubPayloadsResolveAsExpected() throws {
        for file in try Self.jsonFiles(in: "github-events").sorted() {
            let expected = try #require(Self.github[file], "no expectation for \(file)")
            let payload = try Corpus.data("github-events/\(file)")
            let decision = try Fixtures.resolve(Self.githubEvent(file), payload, forge: .github)
            check(decision, expected, file)
        }
    }

    @Test func giteaPayloadsResolveAsExpected() throws {
        for file in try Self.jsonFiles(in: "gitea-events").sorted() {
            let expected = try #require(Self.gitea[file], "no expectation for \(file)")
            let payload = try Corpus.data("gitea-events/\(file)")
            let decision = try Fixtures.resolve(Self.giteaEvent(file), payload, forge: .gitea)
            check(decision, expected, file)
        }
    }

    private func check(_ decision: TriggerDecision, _ expected: Expected, _ file: String) {
        let summary = decision.summary
        #expect(summary.action == expected.action, "\(file): \(summary)")
        #expect(summary.workItem?.number == expected.number, "\(file)")
        #expect(summary.workItem?.kind == expected.kind, "\(file)")
        switch decision {
        case .run(let run):
            #expect(run.operation.name == expected.operation, "\(file)")
            #expect(run.mode == expected.mode, "\(file)")
        case .skip(let skip):
            #expect(skip.code == expected.skipCode, "\(file): \(skip.reason)")
            #expect(skip.reason.count > 20, "\(file): reason too thin: \(skip.reason)")
        }
    }
}
