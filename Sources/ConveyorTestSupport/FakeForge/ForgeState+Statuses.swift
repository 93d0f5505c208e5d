import Foundation

/// `POST …/statuses/{sha}` (both dialects).
private struct StatusCreation: Decodable {
    var state: String
    var targetURL: String?
    var description: String?
    var context: String?

    private enum CodingKeys: String, CodingKey {
        case state, description, context
        case targetURL = "target_url"
    }
}

/// `POST …/actions/workflows/{workflow_id}/dispatches` (both dialects).
private struct DispatchRequest: Decodable {
    var ref: String
    var inputs: [String: InputValue]?
}

/// A workflow input: a string, number or boolean, kept as text.
private struct InputValue: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            text = String(flag)
        } else if let number = try? container.decode(Int.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }
}

extension ForgeState {
    func createStatus(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let creation = try call.decodeBody(StatusCreation.self)
        let allowed =
            ["error", "failure", "pending", "success"] + (call.dialect == .gitea ? ["warning", "skipped"] : [])
        guard allowed.contains(creation.state) else {
            throw ForgeBadRequest(message: "state must be one of \(allowed.joined(separator: ", "))")
        }
        let id = makeID()
        let rendered = withRepository(call.owner, call.repo) { repository -> ForgeJSON in
            let status = ForgeStatus(
                id: id, sha: call.match["sha"], state: creation.state, context: creation.context ?? "default",
                description: creation.description, targetURL: creation.targetURL, creator: repository.owner,
                createdAt: Date())
            repository.statuses.append(status)
            return call.renderer.status(status, in: repository)
        }
        guard let rendered else { return call.notFound() }
        return .json(201, rendered)
    }

    /// The stored level; the owner is always `admin`, anyone unknown `none`.
    func getPermission(_ call: ForgeCall) -> ForgeReply {
        guard let repository = repositories[Self.key(call.owner, call.repo)] else { return call.notFound() }
        let login = call.dialect == .github ? call.match["username"] : call.match["collaborator"]
        let level = login == repository.owner ? .admin : repository.permissions[login] ?? .noAccess
        return .json(200, call.renderer.permission(level, of: login, in: repository))
    }

    func dispatchWorkflow(_ call: ForgeCall) throws(ForgeBadRequest) -> ForgeReply {
        let request = try call.decodeBody(DispatchRequest.self)
        guard !request.ref.isEmpty else { throw ForgeBadRequest(message: "ref is required") }
        let dispatch = ForgeDispatch(
            dialect: call.dialect, workflowID: call.match["workflow_id"], ref: request.ref,
            inputs: (request.inputs ?? [:]).mapValues(\.text))
        let stored: Void? = withRepository(call.owner, call.repo) { $0.dispatches.append(dispatch) }
        return stored == nil ? call.notFound() : .noContent
    }
}
