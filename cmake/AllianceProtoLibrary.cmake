# alliance_proto_library(<target> PROTOS <file.proto...> [GRPC]
#                        [IMPORT_DIR <dir>] [OUT_DIR <dir>] [INCLUDE_DIR <dir>])
#
# A static library of the C++ code protoc generates from PROTOS (with GRPC,
# the gRPC stubs too). A file <IMPORT_DIR>/a/b.proto becomes <OUT_DIR>/a/b.pb.h,
# included through INCLUDE_DIR. Defaults: IMPORT_DIR the current source
# directory, OUT_DIR the current binary directory, INCLUDE_DIR OUT_DIR.
function(alliance_proto_library name)
  cmake_parse_arguments(ARG "GRPC" "IMPORT_DIR;OUT_DIR;INCLUDE_DIR" "PROTOS" ${ARGN})
  if(NOT ARG_IMPORT_DIR)
    set(ARG_IMPORT_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  if(NOT ARG_OUT_DIR)
    set(ARG_OUT_DIR ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  if(NOT ARG_INCLUDE_DIR)
    set(ARG_INCLUDE_DIR ${ARG_OUT_DIR})
  endif()
  file(MAKE_DIRECTORY ${ARG_OUT_DIR})
  add_library(${name} ${ARG_PROTOS})
  target_include_directories(${name} PUBLIC ${ARG_INCLUDE_DIR})
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf)
  protobuf_generate(TARGET ${name} LANGUAGE cpp
    IMPORT_DIRS ${ARG_IMPORT_DIR}
    PROTOC_OUT_DIR ${ARG_OUT_DIR})
  if(ARG_GRPC)
    target_link_libraries(${name} PUBLIC gRPC::grpc++)
    protobuf_generate(TARGET ${name} LANGUAGE grpc
      GENERATE_EXTENSIONS .grpc.pb.h .grpc.pb.cc
      PLUGIN "protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>"
      IMPORT_DIRS ${ARG_IMPORT_DIR}
      PROTOC_OUT_DIR ${ARG_OUT_DIR})
  endif()
  # Generated code is not ours to warn about.
  target_compile_options(${name} PRIVATE -w)
endfunction()
