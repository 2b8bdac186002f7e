// Decodes a PNG file's pixels for tests that check what a browser drew
// (8-bit greyscale, grey+alpha, RGB or RGBA, not interlaced: what Chromium's
// --screenshot writes). Header-only; needs zlib.
#ifndef ALLIANCE_TESTS_CLI_PNG_PIXELS_H_
#define ALLIANCE_TESTS_CLI_PNG_PIXELS_H_

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace alliance::testing {

// One decoded image: width * height pixels, RGBA, row by row.
struct PngPixels {
  int width = 0;
  int height = 0;
  std::vector<uint32_t> rgba;  // 0xRRGGBBAA

  // Returns how many pixels are within `tolerance` of `rgb` (0xRRGGBB) in each channel.
  int CountNear(uint32_t rgb, int tolerance) const {
    int count = 0;
    for (const uint32_t pixel : rgba) {
      const uint32_t color = pixel >> 8;
      bool near = true;
      for (const int shift : {16, 8, 0}) {
        near = near && std::abs(static_cast<int>((color >> shift) & 0xff) - static_cast<int>((rgb >> shift) & 0xff)) <= tolerance;
      }
      if (near) ++count;
    }
    return count;
  }
};

// Decodes `bytes`, a whole PNG file. INVALID_ARGUMENT when it is not one this
// decoder reads.
inline absl::StatusOr<PngPixels> DecodePng(absl::string_view bytes) {
  static constexpr char kSignature[] = "\x89PNG\r\n\x1a\n";
  if (bytes.size() < 8 || bytes.substr(0, 8) != absl::string_view(kSignature, 8)) {
    return absl::InvalidArgumentError("not a PNG file");
  }
  auto be32 = [&bytes](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
  };
  PngPixels image;
  int channels = 0;
  std::string compressed;
  for (size_t at = 8; at + 12 <= bytes.size();) {
    const uint32_t length = be32(at);
    const absl::string_view type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) return absl::InvalidArgumentError("truncated chunk");
    const absl::string_view data = bytes.substr(at + 8, length);
    if (type == "IHDR") {
      if (length != 13) return absl::InvalidArgumentError("bad IHDR");
      image.width = static_cast<int>(be32(at + 8));
      image.height = static_cast<int>(be32(at + 12));
      const int depth = static_cast<unsigned char>(data[8]);
      const int color_type = static_cast<unsigned char>(data[9]);
      const int interlace = static_cast<unsigned char>(data[12]);
      if (depth != 8 || interlace != 0) {
        return absl::InvalidArgumentError(absl::StrCat("unsupported depth ", depth, " or interlace ", interlace));
      }
      switch (color_type) {
        case 0: channels = 1; break;
        case 2: channels = 3; break;
        case 4: channels = 2; break;
        case 6: channels = 4; break;
        default: return absl::InvalidArgumentError(absl::StrCat("unsupported colour type ", color_type));
      }
    } else if (type == "IDAT") {
      compressed.append(data.data(), data.size());
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  if (channels == 0 || image.width <= 0 || image.height <= 0) return absl::InvalidArgumentError("no IHDR");
  const size_t stride = static_cast<size_t>(image.width) * channels;
  std::vector<unsigned char> raw((stride + 1) * image.height);
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()) !=
          Z_OK ||
      raw_size != raw.size()) {
    return absl::InvalidArgumentError("bad image data");
  }
  std::vector<unsigned char> previous(stride, 0);
  std::vector<unsigned char> row(stride);
  image.rgba.reserve(static_cast<size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y) {
    const unsigned char* line = &raw[y * (stride + 1)];
    const int filter = line[0];
    for (size_t i = 0; i < stride; ++i) {
      const int a = i >= static_cast<size_t>(channels) ? row[i - channels] : 0;
      const int b = previous[i];
      const int c = i >= static_cast<size_t>(channels) ? previous[i - channels] : 0;
      int predictor = 0;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) / 2; break;
        case 4: {
          const int p = a + b - c;
          const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
          break;
        }
        default: return absl::InvalidArgumentError(absl::StrCat("bad filter ", filter));
      }
      row[i] = static_cast<unsigned char>(line[1 + i] + predictor);
    }
    for (int x = 0; x < image.width; ++x) {
      const unsigned char* p = &row[x * channels];
      uint32_t r, g, b, alpha = 0xff;
      if (channels <= 2) {
        r = g = b = p[0];
        if (channels == 2) alpha = p[1];
      } else {
        r = p[0];
        g = p[1];
        b = p[2];
        if (channels == 4) alpha = p[3];
      }
      image.rgba.push_back((r << 24) | (g << 16) | (b << 8) | alpha);
    }
    previous.swap(row);
  }
  return image;
}

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_CLI_PNG_PIXELS_H_
