// The extraction pipeline: text analysis (Annotate) followed by the event
// stages (events/event_extractor.h).
#include "ingest-service/extract/pipeline.h"

#include <memory>
#include <string>
#include <utility>

#include "common/status_macros.h"
#include "ingest-service/extract/annotate.h"
#include "ingest-service/extract/events/event_extractor.h"
#include "ingest-service/extract/events/trigger_lexicon.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest {
namespace {

// File of the event stages' trigger words within the lexicon directory.
constexpr char kTriggerFile[] = "triggers.textproto";

// Immutable after construction; Extract is thread-safe and deterministic.
class PipelineExtractor final : public Extractor {
 public:
  PipelineExtractor(std::unique_ptr<Lexicon> lexicon, std::unique_ptr<events::TriggerLexicon> triggers)
      : lexicon_(std::move(lexicon)), triggers_(std::move(triggers)), events_(*triggers_) {}

  absl::StatusOr<ExtractionResult> Extract(const v1::Document& document) const override {
    ASSIGN_OR_RETURN(AnnotatedDocument doc, Annotate(document, *lexicon_));
    ExtractionResult result;
    result.records = events_.Extract(doc);
    result.normalized_text = std::move(doc.text);
    result.info = std::move(doc.info);
    return result;
  }

 private:
  // Constant after construction.
  const std::unique_ptr<Lexicon> lexicon_;
  const std::unique_ptr<events::TriggerLexicon> triggers_;
  const events::EventExtractor events_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Extractor>> NewPipelineExtractor(const std::string& lexicon_dir) {
  ASSIGN_OR_RETURN(std::unique_ptr<Lexicon> lexicon, Lexicon::Load(lexicon_dir));
  ASSIGN_OR_RETURN(std::unique_ptr<events::TriggerLexicon> triggers,
                   events::TriggerLexicon::Load(lexicon_dir + "/" + kTriggerFile));
  return std::unique_ptr<Extractor>(new PipelineExtractor(std::move(lexicon), std::move(triggers)));
}

}  // namespace alliance::ingest
