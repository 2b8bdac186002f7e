// RocksDB statuses map to canonical codes with their context, and counters
// read back as written; an absent one is the fallback, a malformed one is
// DATA_LOSS.
#include "common/rocksdb_status.h"

#include <filesystem>
#include <memory>

#include "common/sequence_key.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/testing/subprocess.h"

namespace alliance {
namespace {

TEST(RocksDbStatus, MapsCodesAndKeepsTheContext) {
  const absl::Status not_found = FromRocksDbStatus(rocksdb::Status::NotFound("no such key"), "fact store: reading");
  EXPECT_EQ(not_found.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(not_found.message().rfind("fact store: reading: ", 0), 0u) << not_found;
  EXPECT_EQ(FromRocksDbStatus(rocksdb::Status::Corruption("bad block"), "x").code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(FromRocksDbStatus(rocksdb::Status::Busy(), "x").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(FromRocksDbStatus(rocksdb::Status::IOError("disk"), "x").code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(FromRocksDbStatus(rocksdb::Status::OK(), "x").ok());
}

TEST(RocksDbStatus, CountersReadBackAndAbsentOnesAreTheFallback) {
  const std::string dir = testing::MakeTempDir("rocksdb_status_test");
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "meta/facts", EncodeFixed64BigEndian(uint64_t{1} << 33)).ok());
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "meta/documents", "short").ok());

  absl::StatusOr<uint64_t> facts = ReadCounter(db.get(), "meta/facts", 0, "fact store");
  ASSERT_TRUE(facts.ok()) << facts.status();
  EXPECT_EQ(*facts, uint64_t{1} << 33);
  absl::StatusOr<uint64_t> absent = ReadCounter(db.get(), "meta/applied", 0, "fact store");
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ(*absent, 0u);
  EXPECT_EQ(*ReadCounter(db.get(), "meta/first_retained", 1, "ingest store"), 1u);
  const absl::Status malformed = ReadCounter(db.get(), "meta/documents", 0, "fact store").status();
  EXPECT_EQ(malformed.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(malformed.message().find("meta/documents"), std::string::npos) << malformed;
  db.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace alliance
