import ChurnKit
import Foundation

extension EffectRunner {
    /// Carries out an effect of the High-risk table.
    func performHighRisk(_ effect: HighRiskEffect, state: AppState) {
        switch effect {
        case .export(let request):
            guard let customers = state.data?.customers else { return }
            export(request, customers: customers)
        }
    }

    /// Writes the requested customers to CSV in the background and posts where, and how many.
    func export(_ request: CustomerExportRequest, customers: ScoredCustomers) {
        let queue = self.queue
        background.async {
            queue.post(.showMessage(Self.runExport(request, customers: customers, now: Date())))
        }
    }

    /// Does the export at once and returns the status message (what the background job posts).
    static func runExport(_ request: CustomerExportRequest, customers: ScoredCustomers, now: Date) -> String {
        let path = request.path ?? CustomerCSV.defaultFileName(now)
        do {
            let written = try CustomerCSV.write(customers, rows: request.rows.value, to: path)
            return "exported \(NumberText.count(request.rows.value.count)) \(request.what) to \(written)"
        } catch {
            return "export failed: " + describe(error)
        }
    }
}
