// Measures bulk ingest over IngestDocuments against a running ingest service:
// streams --documents synthetic articles padded to --article_bytes, reading
// acknowledgements on a second thread, and prints documents/s and MB/s from
// the first write to the last acknowledgement. Bounded: it stops after its
// documents (or --timeout_seconds). Use a fresh --first_article per run on one
// database, or the articles are duplicates.
//
//   build-release/bench/load/bulk_ingest --ingest=127.0.0.1:50051 --documents=20000
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "bench/load/synthetic_corpus.h"
#include "grpcpp/grpcpp.h"

ABSL_FLAG(std::string, ingest, "127.0.0.1:50051", "Ingest service address");
ABSL_FLAG(int, documents, 10000, "Documents to send");
ABSL_FLAG(int, article_bytes, 2048, "Each article is padded to about this many bytes");
ABSL_FLAG(int, first_article, 0, "Index of the first synthetic article");
ABSL_FLAG(int, timeout_seconds, 600, "Give up after this long");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int documents = absl::GetFlag(FLAGS_documents);
  const size_t article_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_article_bytes));
  std::vector<alliance::v1::IngestDocumentRequest> requests(static_cast<size_t>(documents));
  size_t bytes = 0;
  for (int i = 0; i < documents; ++i) {
    std::string text = alliance::load::SyntheticArticle(absl::GetFlag(FLAGS_first_article) + i);
    // Pad with neutral sentences (no events) to the article size.
    for (int k = 0; text.size() < article_bytes; ++k) {
      absl::StrAppend(&text, "\n\nThe weather in the capital was mild on day ", k, " of the talks.");
    }
    bytes += text.size();
    requests[static_cast<size_t>(i)].mutable_document()->set_text(std::move(text));
  }
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_ingest), grpc::InsecureChannelCredentials());
  auto stub = alliance::v1::IngestService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(absl::GetFlag(FLAGS_timeout_seconds)));
  auto stream = stub->IngestDocuments(&context);
  std::atomic<int> acked{0}, errors{0}, duplicates{0};
  const auto start = std::chrono::steady_clock::now();
  std::thread reader([&] {
    alliance::v1::IngestDocumentResponse ack;
    while (stream->Read(&ack)) {
      if (ack.has_error()) ++errors;
      if (ack.duplicate()) ++duplicates;
      ++acked;
    }
  });
  for (const auto& request : requests) {
    if (!stream->Write(request)) break;
  }
  stream->WritesDone();
  reader.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const grpc::Status status = stream->Finish();
  std::printf("bulk ingest: %d of %d documents acknowledged (%d errors, %d duplicates) in %.2f s: %.0f documents/s, "
              "%.2f MB/s (articles of ~%zu bytes)%s%s\n",
              acked.load(), documents, errors.load(), duplicates.load(), seconds, acked.load() / seconds,
              static_cast<double>(bytes) / 1e6 / seconds, article_bytes, status.ok() ? "" : "; stream: ",
              status.ok() ? "" : status.error_message().c_str());
  return status.ok() && acked.load() == documents ? 0 : 1;
}
