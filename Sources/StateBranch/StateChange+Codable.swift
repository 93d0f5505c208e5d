import Foundation

/// A change is encoded as an object with one key, the case name, holding its payload:
/// `{"startRun": {"runID": "42", …}}`.
extension StateChange: Codable {
    private enum Key: String, CodingKey {
        case upsertWorkItem, startRun, finishRun, claimLease, releaseLease, appendFlowEvent, checkpoint, recordDenial,
            recordGateResults, recordAgentSession, saveFlow, recordLink
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: container.codingPath,
                    debugDescription: "A state change has exactly one key naming its kind, one of "
                        + "upsertWorkItem, startRun, finishRun, claimLease, releaseLease, appendFlowEvent, "
                        + "checkpoint, recordDenial, recordGateResults, recordAgentSession, saveFlow, recordLink."))
        }
        switch key {
        case .upsertWorkItem: self = .upsertWorkItem(try container.decode(WorkItemUpdate.self, forKey: key))
        case .startRun: self = .startRun(try container.decode(RunStart.self, forKey: key))
        case .finishRun: self = .finishRun(try container.decode(RunFinish.self, forKey: key))
        case .claimLease: self = .claimLease(try container.decode(LeaseClaim.self, forKey: key))
        case .releaseLease: self = .releaseLease(try container.decode(LeaseRelease.self, forKey: key))
        case .appendFlowEvent: self = .appendFlowEvent(try container.decode(FlowEventRecord.self, forKey: key))
        case .checkpoint: self = .checkpoint(try container.decode(CheckpointRecord.self, forKey: key))
        case .recordDenial: self = .recordDenial(try container.decode(DenialRecord.self, forKey: key))
        case .recordGateResults:
            self = .recordGateResults(try container.decode(GateResultRecord.self, forKey: key))
        case .recordAgentSession:
            self = .recordAgentSession(try container.decode(AgentSessionRecord.self, forKey: key))
        case .saveFlow: self = .saveFlow(try container.decode(FlowRecord.self, forKey: key))
        case .recordLink: self = .recordLink(try container.decode(LinkRecord.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .upsertWorkItem(let payload): try container.encode(payload, forKey: .upsertWorkItem)
        case .startRun(let payload): try container.encode(payload, forKey: .startRun)
        case .finishRun(let payload): try container.encode(payload, forKey: .finishRun)
        case .claimLease(let payload): try container.encode(payload, forKey: .claimLease)
        case .releaseLease(let payload): try container.encode(payload, forKey: .releaseLease)
        case .appendFlowEvent(let payload): try container.encode(payload, forKey: .appendFlowEvent)
        case .checkpoint(let payload): try container.encode(payload, forKey: .checkpoint)
        case .recordDenial(let payload): try container.encode(payload, forKey: .recordDenial)
        case .recordGateResults(let payload): try container.encode(payload, forKey: .recordGateResults)
        case .recordAgentSession(let payload): try container.encode(payload, forKey: .recordAgentSession)
        case .saveFlow(let payload): try container.encode(payload, forKey: .saveFlow)
        case .recordLink(let payload): try container.encode(payload, forKey: .recordLink)
        }
    }
}
