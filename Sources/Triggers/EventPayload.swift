import Foundation
import JSON

/// Lenient accessors over a parsed event payload, covering both GitHub's and Gitea's shapes.
struct EventPayload {
    /// The whole payload.
    let root: JSONValue

    /// Parses the bytes of the `GITHUB_EVENT_PATH` file.
    ///
    /// - Throws: ``TriggerError/Code/malformedPayload`` when the bytes are not a JSON object.
    init(parsing data: Data) throws(TriggerError) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw Self.malformed("is not valid JSON (\(Self.describe(error)))")
        }
        guard case .object = value else {
            throw Self.malformed("is JSON but not an object")
        }
        root = value
    }

    /// The payload's `action`, e.g. `labeled`, `label_updated`; nil for events without one.
    var action: String? { root["action"]?.stringValue }

    /// The `sender` as an ``Actor``: `login`, else Gitea's `username`; type from `type` when present.
    var sender: Actor? {
        guard let sender = root["sender"] else { return nil }
        let login = [sender["login"]?.stringValue, sender["username"]?.stringValue]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        guard let login else { return nil }
        let kind = sender["type"]?.stringValue.flatMap(Actor.Kind.init(rawValue:)) ?? .unspecified
        return Actor(login: login, type: kind)
    }

    /// The issue an `issues` or `issue_comment` event is about, as a pull request when the issue is one.
    var issueWorkItem: WorkItemRef? {
        guard let number = root["issue"]?["number"]?.wholeNumber ?? root["number"]?.wholeNumber, number >= 1 else {
            return nil
        }
        let isPull = root["issue"]?["pull_request"]?.isPresent == true || root["is_pull"]?.boolValue == true
        return WorkItemRef(number: number, kind: isPull ? .pullRequest : .issue)
    }

    /// The pull request a `pull_request` event is about.
    var pullRequestWorkItem: WorkItemRef? {
        guard let number = root["pull_request"]?["number"]?.wholeNumber ?? root["number"]?.wholeNumber, number >= 1
        else {
            return nil
        }
        return WorkItemRef(number: number, kind: .pullRequest)
    }

    /// The pull request's head commit (`pull_request.head.sha`), when it is 40 hex digits.
    var pullRequestHeadSHA: String? {
        guard let sha = root["pull_request"]?["head"]?["sha"]?.stringValue?.lowercased(), sha.count == 40,
            sha.allSatisfy(\.isHexDigit)
        else { return nil }
        return sha
    }

    /// GitHub's top-level `label.name` (the label just added or removed).
    var labelName: String? { root["label"]?["name"]?.stringValue }

    /// Gitea's `changes.added_labels` names, or nil when the payload does not carry that list.
    var addedLabelNames: [String]? {
        root["changes"]?["added_labels"]?.arrayValue.map { $0.compactMap { $0["name"]?.stringValue } }
    }

    /// The label names after the change, from `<object>.labels` or the top-level `labels`.
    func resultingLabelNames(of object: String) -> [String] {
        let list = root[object]?["labels"]?.arrayValue ?? root["labels"]?.arrayValue ?? []
        return list.compactMap { $0["name"]?.stringValue }
    }

    private static func malformed(_ problem: String) -> TriggerError {
        TriggerError(
            .malformedPayload,
            message: "The event payload (the file at GITHUB_EVENT_PATH) \(problem). Point GITHUB_EVENT_PATH (or "
                + "--event-path) at the JSON file the runner wrote for this event.")
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey]
            return (underlying as? String) ?? context.debugDescription
        }
        return error.localizedDescription
    }
}
