#!/usr/bin/env python3
"""A small Alliance Ledger client in Python, on Debian's grpcio.

Three things an analyst asks, each a function you can copy:
  members_as_of(stub, "2008-01-01")   who was a member on a date, with the quote
  history(stub, "UZB")                one country's events and membership periods
  watch(stub, after_sequence, ...)    follow new facts, resuming after a disconnect

Run `make_stubs.sh` once (it writes the generated modules to ./generated), then e.g.
  python3 ledger_client.py --query 127.0.0.1:50052 members --as-of 2008-01-01
  python3 ledger_client.py --query 127.0.0.1:50052 history UZB
  python3 ledger_client.py --query 127.0.0.1:50052 watch --after 0 --count 5

Note on names: some request and response fields are called `from`, a Python
keyword. Read them with getattr(period, "from") and set them with
Request(**{"from": date}); every other name works as an attribute.
"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.environ.get(
    "ALLIANCE_PY_STUBS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated")))

import grpc  # noqa: E402
from alliance.v1 import query_service_pb2 as query_pb  # noqa: E402
from alliance.v1 import query_service_pb2_grpc as query_grpc  # noqa: E402
from alliance.v1 import records_pb2 as records_pb  # noqa: E402


def connect(address, token=None):
    """Returns a QueryService stub for `address` ("host:port"), plaintext.

    With `token`, every call carries "authorization: Bearer <token>"."""
    channel = grpc.insecure_channel(address)
    stub = query_grpc.QueryServiceStub(channel)
    if token:
        stub = _WithToken(stub, token)
    return stub


class _WithToken:
    """Adds the bearer token to each call of a stub."""

    def __init__(self, stub, token):
        self._stub, self._metadata = stub, (("authorization", "Bearer " + token),)

    def __getattr__(self, name):
        method = getattr(self._stub, name)
        return lambda request, **kw: method(request, metadata=self._metadata, **kw)


def format_date(date):
    """"2008-01-01", "2008-01", "2008", or "" for a PartialDate."""
    if date.year == 0:
        return date.as_written
    parts = ["%04d" % date.year] + ["%02d" % v for v in (date.month, date.day) if v]
    return ("~" if date.approximate else "") + "-".join(parts)


def members_as_of(stub, iso_date, organization=""):
    """Returns [(country, status name, since, first quote)] of the members on `iso_date`."""
    year, month, day = (int(p) for p in iso_date.split("-"))
    request = query_pb.ListMembersRequest(
        organization=organization, as_of=records_pb.PartialDate(year=year, month=month, day=day))
    members = []
    while True:
        response = stub.ListMembers(request, timeout=10)
        for m in response.members:
            quote = m.evidence[0].quote if m.evidence else ""
            members.append((m.country, records_pb.MembershipStatus.Name(m.status), format_date(m.since), quote))
        if not response.next_page_token:
            return members
        request.page_token = response.next_page_token


def history(stub, country, organization=""):
    """Returns (events, periods) of `country`: events as (date, action, quote),
    periods as (status, from, to); `from` is read with getattr (a Python keyword)."""
    response = stub.GetMembershipHistory(
        query_pb.GetMembershipHistoryRequest(country=country, organization=organization), timeout=10)
    events = [(format_date(e.date), records_pb.MembershipAction.Name(e.action),
               e.evidence[0].quote if e.evidence else "") for e in response.events]
    periods = [(records_pb.MembershipStatus.Name(p.status), format_date(getattr(p, "from")), format_date(p.to))
               for p in response.periods]
    return events, periods


def watch(stub, after_sequence, on_change, stop, retry_delay=0.2, max_delay=5.0, on_reconnect=None):
    """Calls on_change(change) for every fact change after `after_sequence` until
    stop() is true (checked after each message and each reconnect); returns the
    sequence to resume from.

    Resumes after a disconnect (the query service restarted, the network
    dropped) from the last complete sequence, with a doubling delay, so no
    change is lost or seen twice: the parts of one large entry (continued) are
    held back until its last part arrives, because a resume sends that entry
    again from its start."""
    cursor, delay, held = after_sequence, retry_delay, []
    while not stop():
        call = stub.Watch(query_pb.WatchRequest(after_sequence=cursor))
        stopper = threading.Thread(target=_cancel_when, args=(stop, call), daemon=True)
        stopper.start()
        try:
            for response in call:
                delay = retry_delay
                if response.continued:
                    held.extend(response.changes)
                    continue
                for change in held + list(response.changes):
                    on_change(change)
                held, cursor = [], response.sequence
                if stop():
                    break
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.CANCELLED and stop():
                break
            if error.code() not in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED,
                                    grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.INTERNAL):
                raise  # OUT_OF_RANGE (history no longer kept), bad arguments, …: the caller decides
            held = []
            if on_reconnect:
                on_reconnect(cursor, error)
            time.sleep(delay)
            delay = min(delay * 2, max_delay)
        finally:
            call.cancel()
    return cursor


def _cancel_when(stop, call):
    while call.is_active() and not stop():
        time.sleep(0.05)
    call.cancel()


def describe(change):
    """"ADDED membership_event membership/CSTO/UZB/WITHDREW/2012 (seq 7)"."""
    kind = query_pb.ChangeKind.Name(change.kind).replace("CHANGE_KIND_", "")
    fact = change.WhichOneof("fact")
    if fact == "conflict":
        name = "%s %s" % (change.conflict.subject_id, change.conflict.field)
    else:
        name = getattr(change, fact).id if fact else ""
    return "%s %s %s (seq %d)" % (kind, fact, name, change.sequence)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--query", default="127.0.0.1:50052", help="query service address")
    parser.add_argument("--token", default=os.environ.get("ALLIANCE_TOKEN"), help="bearer token, if required")
    commands = parser.add_subparsers(dest="command", required=True)
    members = commands.add_parser("members", help="members on a date")
    members.add_argument("--as-of", required=True, help="YYYY-MM-DD")
    country = commands.add_parser("history", help="one country's history")
    country.add_argument("country", help="ISO alpha-3 code, e.g. UZB")
    follow = commands.add_parser("watch", help="follow new facts, resuming after disconnects")
    follow.add_argument("--after", type=int, default=0, help="sequence to start after")
    follow.add_argument("--count", type=int, default=0, help="stop once at least this many changes were printed (0: never)")
    args = parser.parse_args(argv)

    stub = connect(args.query, args.token)
    if args.command == "members":
        for country_code, status, since, quote in members_as_of(stub, args.as_of):
            print("%s  %-24s since %-10s  %s" % (country_code, status, since, quote[:100]))
    elif args.command == "history":
        events, periods = history(stub, args.country)
        for date, action, quote in events:
            print("%-10s %-28s %s" % (date, action, quote[:100]))
        for status, start, end in periods:
            print("period %s %s .. %s" % (status, start, end or "now"))
    else:
        seen = [0]

        def show(change):
            seen[0] += 1
            print(describe(change), flush=True)

        resume = watch(stub, args.after, show, stop=lambda: 0 < args.count <= seen[0],
                       on_reconnect=lambda at, e: print("reconnecting after %d: %s" % (at, e.code().name),
                                                        file=sys.stderr, flush=True))
        print("resume with --after %d" % resume)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
