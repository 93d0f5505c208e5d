import Foundation

/// The environment an Actions runner gives a job step, pointed at a loopback fake forge, so tests can run
/// the built `conveyor` exactly as a workflow would.
public struct ActionsJob: Sendable {
    /// The step's environment variables.
    public var variables: [String: String]

    /// A job on the fake forge's GitHub or Gitea dialect, triggered by `eventName` with `payload`, which is
    /// written to `event.json` in `directory` (the job's `GITHUB_EVENT_PATH`).
    public static func make(
        _ dialect: ForgeDialect, forge: FakeForge, eventName: String, payload: Data, in directory: TemporaryDirectory
    ) throws -> ActionsJob {
        let eventFile = directory.appending("event.json")
        try payload.write(to: eventFile)
        let serverURL = forge.rootURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var variables = [
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": eventName,
            "GITHUB_EVENT_PATH": eventFile.path,
            "GITHUB_REPOSITORY": "\(forge.owner)/\(forge.repo)",
            "GITHUB_SERVER_URL": serverURL,
            "GITHUB_API_URL": forge.apiURL(dialect).absoluteString,
            "GITHUB_RUN_ID": "4242",
            "GITHUB_RUN_ATTEMPT": "1",
            "GITHUB_TOKEN": forge.token,
        ]
        if dialect == .gitea {
            variables["GITEA_ACTIONS"] = "true"
            variables["GITHUB_TOKEN"] = nil
            variables["GITEA_TOKEN"] = forge.token
        }
        return ActionsJob(variables: variables)
    }

    /// A corpus payload with `edit` applied to its decoded JSON object (e.g. to rename the added label).
    public static func payload(
        _ corpusFile: String, edit: (inout [String: Any]) -> Void = { _ in }
    ) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: try Corpus.data(corpusFile)) as? [String: Any] else {
            throw CorpusError(code: .unreadable, path: corpusFile)
        }
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// A corpus event that adds `label` to issue `issue`: GitHub's `issues.labeled` with its `label` renamed, or
    /// Gitea's `label_updated` with `changes.added_labels` naming it.
    public static func labeledIssue(_ dialect: ForgeDialect, label: String, issue: Int) throws -> Data {
        let file =
            dialect == .github
            ? "github-events/issues.labeled.json" : "gitea-events/constructed.issues.label_updated.json"
        return try payload(file) { object in
            if dialect == .github {
                object["label"] = ["name": label]
            } else {
                object["changes"] = ["added_labels": [["id": 301, "name": label]]]
            }
            var issueObject = object["issue"] as? [String: Any] ?? [:]
            issueObject["number"] = issue
            object["issue"] = issueObject
        }
    }
}
