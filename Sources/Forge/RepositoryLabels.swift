import Actions
import Foundation
import HTTP

/// The label set of one repository (not of an issue): list, create, edit and delete, on GitHub or Gitea.
///
/// Kept apart from ``ForgeClient`` because only `conveyor labels sync` manages the repository's labels; a stage
/// job never does. GitHub addresses a label by its name (`PATCH /repos/{o}/{r}/labels/{name}`), Gitea by its
/// numeric id (`PATCH /repos/{o}/{r}/labels/{id}`); both take `{name, color, description}` with the colour as six
/// hex digits (GitHub without `#`; Gitea accepts both and is sent `#rrggbb`).
public struct RepositoryLabels: Sendable {
    private let rest: ForgeREST

    /// The forge whose dialect is spoken.
    public var kind: ForgeKind { rest.kind }
    /// The repository whose labels are managed.
    public var repository: RepositorySlug { rest.repository }

    /// Creates a client; nothing is sent until the first call.
    ///
    /// - Parameters:
    ///   - kind: GitHub or Gitea.
    ///   - apiURL: the REST base (`https://api.github.com`, or a Gitea URL ending in `/api/v1`).
    ///   - repository: the repository whose labels are managed.
    ///   - token: needs `issues: write` on GitHub, `write:issue` on Gitea.
    ///   - configuration: timeouts and retry policy; its authorization is replaced.
    public init(
        kind: ForgeKind, apiURL: URL, repository: RepositorySlug, token: Secret,
        configuration: HTTPClient.Configuration = .init()
    ) {
        rest = ForgeREST(
            dialect: .of(kind), apiURL: apiURL, repository: repository, token: token, configuration: configuration)
    }

    /// A client for the repository, forge and API of the Actions environment.
    ///
    /// - Throws: ``ActionsEnvironmentError`` when the repository or API URL is missing or malformed, or when no
    ///   token is set.
    public init(environment: ActionsEnvironment, configuration: HTTPClient.Configuration = .init())
        throws(ActionsEnvironmentError)
    {
        let repository = try environment.repository
        let apiURL = try environment.apiURL
        guard let token = environment.token else {
            let names = ActionsEnvironment.tokenVariables.joined(separator: ", ")
            throw ActionsEnvironmentError(
                .missingVariable, variable: ActionsEnvironment.tokenVariables[0],
                message: "No forge token is set. Export one of \(names) with a token that may write issues.")
        }
        self.init(
            kind: environment.forge, apiURL: apiURL, repository: repository, token: token,
            configuration: configuration)
    }

    /// Every label of the repository, following pages to the end.
    public func list() async throws(ForgeError) -> [Label] {
        try await rest.list(Label.self, ["labels"], APIOperation("list the repository's labels", needs: .readIssues))
    }

    /// Creates a label; the forge answers 422 (GitHub) or 409/422 (Gitea) when the name is taken.
    public func create(_ label: LabelContent) async throws(ForgeError) -> Label {
        let operation = APIOperation("create the label \(label.name)", needs: .writeIssues)
        try rest.requireName(label.name, "label name", operation)
        return try await rest.send(.post, ["labels"], body: body(label), decoding: Label.self, operation)
    }

    /// Changes `existing` to `label`'s name, colour and description.
    public func update(_ existing: Label, to label: LabelContent) async throws(ForgeError) -> Label {
        let operation = APIOperation("update the label \(existing.name)", needs: .writeIssues)
        try rest.requireName(label.name, "label name", operation)
        return try await rest.send(
            .patch, ["labels", address(of: existing)], body: edit(existing, to: label), decoding: Label.self,
            operation)
    }

    /// Deletes `existing`; one already gone (404) counts as deleted.
    public func delete(_ existing: Label) async throws(ForgeError) {
        let operation = APIOperation("delete the label \(existing.name)", needs: .writeIssues)
        try await rest.delete(["labels", address(of: existing)], tolerating: [404], operation)
    }

    /// GitHub's path segment is the name, Gitea's the id (``ForgeRESTDialect/labelAddress``).
    private func address(of label: Label) -> String {
        rest.dialect.pathSegment(of: label)
    }

    private func body(_ label: LabelContent) -> LabelBody {
        LabelBody(name: label.name, newName: nil, color: colour(label.color), description: label.description)
    }

    /// GitHub renames with `new_name` (its `name` is in the path); Gitea takes `name`.
    private func edit(_ existing: Label, to label: LabelContent) -> LabelBody {
        guard rest.dialect.renamesLabelsWithNewName else { return body(label) }
        return LabelBody(
            name: nil, newName: existing.name == label.name ? nil : label.name, color: colour(label.color),
            description: label.description)
    }

    private func colour(_ hex: String) -> String {
        rest.dialect.colourPrefix + hex
    }
}

/// What a repository label should look like: name, colour and description.
public struct LabelContent: Sendable, Hashable {
    /// The label's name, unique per repository without regard to case.
    public let name: String
    /// Six lower-case hex digits without `#`, e.g. `1d76db`.
    public let color: String
    /// One line, at most 100 characters (GitHub's limit).
    public let description: String

    /// Creates a value; `color` is normalised to six lower-case hex digits without `#`.
    public init(name: String, color: String, description: String) {
        self.name = name
        self.color = LabelContent.normalisedColour(color)
        self.description = description
    }

    /// `color` without a leading `#`, lower-cased; both forges compare colours that way.
    public static func normalisedColour(_ color: String) -> String {
        var text = color.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("#") { text.removeFirst() }
        return text
    }

    /// True when `label` already has this name (exact case), colour and description.
    public func matches(_ label: Label) -> Bool {
        label.name == name && LabelContent.normalisedColour(label.color ?? "") == color
            && (label.description ?? "") == description
    }
}

/// The JSON body of create and edit calls; absent fields are left out.
private struct LabelBody: Encodable {
    let name: String?
    let newName: String?
    let color: String
    let description: String

    private enum CodingKeys: String, CodingKey {
        case name
        case newName = "new_name"
        case color, description
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(newName, forKey: .newName)
        try container.encode(color, forKey: .color)
        try container.encode(description, forKey: .description)
    }
}
