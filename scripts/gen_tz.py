#!/usr/bin/env python3
"""Generate core/time/tz_data.cpp: a compact IANA time-zone table for the core.

The wasm build has no OS time-zone database, so the core carries its own. For every zone name in
the system's TZif database (/usr/share/zoneinfo, Debian package tzdata) we keep:
  - the UTC offset in effect at 1970-01-01T00:00Z (used for every earlier instant),
  - the UTC-offset changes from 1970 up to the point where the zone's POSIX TZ footer rule
    reproduces every later change (at the latest 2038-01-01),
  - that footer rule, which the core evaluates for all later instants.
Only offset changes are stored (abbreviation- or isdst-only changes are dropped); zones whose
data is identical from 1970 on share one table, the other names point at it.

The script checks the compact model against Python's zoneinfo (instants from 1970 to 2100, both
UTC->offset and local->UTC with fold=0, which is the core's rule: a gap shifts forward, an
overlap takes the earlier offset) and refuses to write a table that disagrees.

Usage: python3 scripts/gen_tz.py [--zoneinfo DIR] [--out core/time/tz_data.cpp] [--no-verify]
(the zoneinfo check takes about five minutes; --no-verify skips it)
"""
import argparse
import datetime
import os
import struct
import sys
import zoneinfo

TABLE_BEGIN = 0                      # 1970-01-01T00:00:00Z
TABLE_END = 2145916800               # 2038-01-01T00:00:00Z
VERIFY_END = 4102444800              # 2100-01-01T00:00:00Z
SKIPPED_NAMES = {"localtime", "posixrules"}


# ---------------------------------------------------------------- civil-date arithmetic
def days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_year_from_days(z):
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=z)).year


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


# ---------------------------------------------------------------- POSIX TZ footer
class TransitionRule:
    """One end of a POSIX DST rule: kind 'M' (month.week.weekday), 'J' (Julian 1..365, no Feb 29)
    or 'N' (zero-based day of year, counting Feb 29); time in seconds, may be negative or > 24h."""

    def __init__(self, kind, month=0, week=0, weekday=0, day=0, time=7200):
        self.kind, self.month, self.week, self.weekday, self.day, self.time = kind, month, week, weekday, day, time

    def local_seconds(self, year):
        if self.kind == "M":
            first = days_from_civil(year, self.month, 1)
            first_weekday = (first + 4) % 7          # 0 = Sunday, as in POSIX
            day = 1 + (self.weekday - first_weekday + 7) % 7 + (self.week - 1) * 7
            month_len = MONTH_DAYS[self.month - 1] + (1 if self.month == 2 and is_leap(year) else 0)
            while day > month_len:
                day -= 7
            days = first + day - 1
        elif self.kind == "J":
            days = days_from_civil(year, 1, 1) + self.day - 1 + (1 if is_leap(year) and self.day >= 60 else 0)
        else:
            days = days_from_civil(year, 1, 1) + self.day
        return days * 86400 + self.time

    def cpp(self):
        kind = {"M": "by_weekday", "J": "julian", "N": "day_of_year"}[self.kind]
        return "{%s, %d, %d, %d, %d, %d}" % (kind, self.month, self.week, self.weekday, self.day, self.time)


class PosixRule:
    def __init__(self, text):
        self.text = text
        pos = 0

        def name():
            nonlocal pos
            if text[pos] == "<":
                end = text.index(">", pos)
                value = text[pos + 1:end]
                pos = end + 1
                return value
            start = pos
            while pos < len(text) and text[pos].isalpha():
                pos += 1
            return text[start:pos]

        def hms(allow_sign=True):
            nonlocal pos
            sign = 1
            if allow_sign and pos < len(text) and text[pos] in "+-":
                sign = -1 if text[pos] == "-" else 1
                pos += 1
            parts = [0, 0, 0]
            for i in range(3):
                start = pos
                while pos < len(text) and text[pos].isdigit():
                    pos += 1
                parts[i] = int(text[start:pos])
                if i < 2 and pos < len(text) and text[pos] == ":":
                    pos += 1
                else:
                    break
            return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])

        def date_rule():
            nonlocal pos
            if text[pos] == "M":
                pos += 1
                end = pos
                while end < len(text) and text[end] not in ",/":
                    end += 1
                month, week, weekday = (int(x) for x in text[pos:end].split("."))
                pos = end
                rule = TransitionRule("M", month, week, weekday)
            elif text[pos] == "J":
                pos += 1
                start = pos
                while pos < len(text) and text[pos].isdigit():
                    pos += 1
                rule = TransitionRule("J", day=int(text[start:pos]))
            else:
                start = pos
                while pos < len(text) and text[pos].isdigit():
                    pos += 1
                rule = TransitionRule("N", day=int(text[start:pos]))
            if pos < len(text) and text[pos] == "/":
                pos += 1
                rule.time = hms()
            return rule

        self.std_name = name()
        self.std_offset = -hms()             # POSIX counts west of Greenwich as positive
        self.has_dst = pos < len(text)
        self.dst_offset = self.std_offset
        self.start = self.end = TransitionRule("M", 1, 1, 0)
        if self.has_dst:
            self.dst_name = name()
            if pos < len(text) and text[pos] != ",":
                self.dst_offset = -hms()
            else:
                self.dst_offset = self.std_offset + 3600
            if pos >= len(text):
                # No rule given: POSIX leaves it implementation-defined; zic never emits this.
                raise ValueError("footer without DST rule: %r" % text)
            assert text[pos] == ","
            pos += 1
            self.start = date_rule()
            assert text[pos] == ","
            pos += 1
            self.end = date_rule()
        if pos != len(text):
            raise ValueError("unparsed footer tail: %r" % text)

    # The core evaluates the rule exactly like these two functions (core/time/zone.cpp).
    def year_transitions(self, year):
        """UTC instants (dst_begin, dst_end) of the given local year."""
        return (self.start.local_seconds(year) - self.std_offset,
                self.end.local_seconds(year) - self.dst_offset)

    def offset_at(self, utc):
        if not self.has_dst:
            return self.std_offset
        year = civil_year_from_days((utc + self.std_offset) // 86400)
        begin, end = self.year_transitions(year)
        if begin < end:
            in_dst = begin <= utc < end
        else:
            in_dst = not (end <= utc < begin)
        return self.dst_offset if in_dst else self.std_offset

    def local_to_utc(self, local):
        if not self.has_dst:
            return local - self.std_offset
        year = civil_year_from_days(local // 86400)
        begin, end = self.year_transitions(year)
        high = max(self.std_offset, self.dst_offset)
        begin_key, end_key = begin + high, end + high
        if begin_key < end_key:
            in_dst = begin_key <= local < end_key
        else:
            in_dst = not (end_key <= local < begin_key)
        return local - (self.dst_offset if in_dst else self.std_offset)

    def transitions_between(self, lo, hi):
        """(utc, offset_after) of every rule offset change in [lo, hi)."""
        if not self.has_dst or self.std_offset == self.dst_offset:
            return []
        out = []
        first_year = civil_year_from_days(lo // 86400) - 1
        last_year = civil_year_from_days(hi // 86400) + 1
        for year in range(first_year, last_year + 1):
            begin, end = self.year_transitions(year)
            for t, after in ((begin, self.dst_offset), (end, self.std_offset)):
                if lo <= t < hi:
                    out.append((t, after))
        out.sort()
        return out

    def cpp(self):
        if not self.has_dst:
            return "{%d, %d, false, {}, {}}" % (self.std_offset, self.dst_offset)
        return "{%d, %d, true, %s, %s}" % (self.std_offset, self.dst_offset, self.start.cpp(), self.end.cpp())


# ---------------------------------------------------------------- TZif
def read_tzif(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"TZif":
        return None
    version = data[4]

    def header(off):
        return struct.unpack(">6l", data[off + 20:off + 44])

    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = header(0)
    if version < ord("2"):
        raise ValueError("%s: TZif version 1 has no 64-bit data or footer" % path)
    off = 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = header(off)
    off += 44
    times = struct.unpack(">%dq" % timecnt, data[off:off + timecnt * 8])
    off += timecnt * 8
    idx = data[off:off + timecnt]
    off += timecnt
    types = [struct.unpack(">lBB", data[off + 6 * i:off + 6 * i + 6])[0] for i in range(typecnt)]
    off += typecnt * 6 + charcnt + leapcnt * 12 + isstdcnt + isutcnt
    footer = data[off:].split(b"\n")[1].decode()
    return [(times[i], types[idx[i]]) for i in range(timecnt)], types[0], footer


def full_model(path):
    """Offset changes in [TABLE_BEGIN, TABLE_END) and the offset at TABLE_BEGIN, per RFC 8536."""
    transitions, type0_offset, footer = read_tzif(path)
    rule = PosixRule(footer) if footer else None

    def offset_at(t):
        last = None
        for when, offset in transitions:
            if when <= t:
                last = offset
            else:
                break
        if last is None:
            return type0_offset if transitions or rule is None else rule.offset_at(t)
        if transitions and t >= transitions[-1][0] and rule is not None:
            return rule.offset_at(t)
        return last

    initial = offset_at(TABLE_BEGIN)
    changes = []
    current = initial
    points = [(t, o) for t, o in transitions if TABLE_BEGIN < t < TABLE_END]
    tail_start = transitions[-1][0] if transitions else TABLE_BEGIN
    if rule is not None:
        points += rule.transitions_between(max(tail_start, TABLE_BEGIN + 1), TABLE_END)
    for t, _ in sorted(points):
        offset = offset_at(t)
        if offset != current:
            changes.append((t, offset))
            current = offset
    if rule is None:
        raise ValueError("%s: no footer" % path)
    # Some zones (Morocco's Ramadan changes) list changes past 2037 that the footer cannot express;
    # the table stops at 2038 by design, so such zones are only checked up to there.
    explicit_beyond_table = bool(transitions) and transitions[-1][0] >= TABLE_END
    return initial, changes, rule, explicit_beyond_table


def compact(initial, changes, rule):
    """Keep the shortest prefix of changes after which the rule alone gives the right offsets."""
    for keep in range(0, len(changes) + 1):
        start = changes[keep - 1][0] if keep else TABLE_BEGIN
        start_offset = changes[keep - 1][1] if keep else initial
        if rule.offset_at(start) != start_offset:
            continue
        if keep == 0 and rule.has_dst:
            continue  # rule applies from the first stored change on; with none, the initial offset is fixed
        expected = [(t, o) for t, o in changes[keep:]]
        produced = []
        current = start_offset
        for t, o in rule.transitions_between(start + 1, TABLE_END):
            if o != current:
                produced.append((t, o))
                current = o
        if produced == expected and all(rule.offset_at(t) == o for t, o in expected):
            return changes[:keep]
    # The footer disagrees with the listed changes up to 2037 (Palestine's Ramadan exceptions):
    # keep them all and add a marker at 2038 from which the rule takes over.
    return changes + [(TABLE_END, rule.offset_at(TABLE_END))]


# ---------------------------------------------------------------- model used by the core
class CompactZone:
    def __init__(self, initial, changes, rule):
        self.initial, self.changes, self.rule = initial, changes, rule

    def key(self):
        return (self.initial, tuple(self.changes), self.rule.std_offset, self.rule.dst_offset, self.rule.has_dst,
                self.rule.start.__dict__.items().__repr__(), self.rule.end.__dict__.items().__repr__())

    def offset_at(self, utc):
        changes = self.changes
        if not changes:
            return self.rule.offset_at(utc) if self.rule.has_dst else self.initial
        if utc < changes[0][0]:
            return self.initial
        if utc >= changes[-1][0]:
            return self.rule.offset_at(utc)
        lo, hi = 0, len(changes)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if changes[mid][0] <= utc:
                lo = mid
            else:
                hi = mid
        return changes[lo][1]

    def local_key(self, i):
        before = self.initial if i == 0 else self.changes[i - 1][1]
        return self.changes[i][0] + max(before, self.changes[i][1])

    def local_to_utc(self, local):
        changes = self.changes
        if not changes:
            return self.rule.local_to_utc(local) if self.rule.has_dst else local - self.initial
        if local < self.local_key(0):
            return local - self.initial
        if local >= self.local_key(len(changes) - 1):
            return self.rule.local_to_utc(local)
        lo, hi = 0, len(changes)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.local_key(mid) <= local:
                lo = mid
            else:
                hi = mid
        return local - changes[lo][1]


def verify(name, zone, verify_end=VERIFY_END):
    tz = zoneinfo.ZoneInfo(name)
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

    def ref_offset(t):
        return int(datetime.datetime.fromtimestamp(t, tz).utcoffset().total_seconds())

    def ref_local_to_utc(local):
        naive = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=local)
        return int((naive.replace(tzinfo=tz, fold=0) - epoch).total_seconds())

    probes = set()
    for t, _ in zone.changes:
        probes.update((t - 1, t, t + 1))
    if zone.rule.has_dst:
        for t, _ in zone.rule.transitions_between(TABLE_BEGIN, VERIFY_END):
            probes.update((t - 1, t, t + 1))
    probes.update(range(TABLE_BEGIN, verify_end, 86400 * 11 + 3600 * 7 + 60 * 13))
    for t in sorted(probes):
        if t < TABLE_BEGIN or t >= verify_end:
            continue
        got, want = zone.offset_at(t), ref_offset(t)
        if got != want:
            raise AssertionError("%s: offset at %d: model %d, zoneinfo %d" % (name, t, got, want))
    # local -> UTC around every change: before, inside and after gaps and overlaps
    local_probes = set()
    for t in sorted(probes):
        if TABLE_BEGIN + 2 * 86400 <= t < verify_end - 2 * 86400:
            off = ref_offset(t)
            for delta in (-7200, -3601, -3600, -1800, -1, 0, 1, 1800, 3599, 3600, 7200):
                local_probes.add(t + off + delta)
    for local in sorted(local_probes):
        got, want = zone.local_to_utc(local), ref_local_to_utc(local)
        if got != want:
            raise AssertionError("%s: local %d: model %d, zoneinfo %d" % (name, local, got, want))


# ---------------------------------------------------------------- emit
def zone_names(root):
    names = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir.split(os.sep)[0] in ("posix", "right"):
            dirnames[:] = []
            continue
        for fn in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, fn))
            if rel in SKIPPED_NAMES:
                continue
            with open(os.path.join(dirpath, fn), "rb") as f:
                if f.read(4) != b"TZif":
                    continue
            names.append(rel.replace(os.sep, "/"))
    return sorted(names)


def wrap(items, width=118, indent="    "):
    lines, line = [], indent
    for item in items:
        piece = item + ","
        if len(line) + len(piece) > width:
            lines.append(line.rstrip())
            line = indent
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--zoneinfo", default="/usr/share/zoneinfo")
    parser.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "core", "time", "tz_data.cpp")))
    parser.add_argument("--no-verify", action="store_true")
    args = parser.parse_args()

    version = "unknown"
    tzdata_zi = os.path.join(args.zoneinfo, "tzdata.zi")
    if os.path.exists(tzdata_zi):
        with open(tzdata_zi) as f:
            first = f.readline().strip()
            if first.startswith("# version"):
                version = first.split()[-1]

    names = zone_names(args.zoneinfo)
    zones, zone_of_name, by_key, verify_end = [], {}, {}, {}
    for name in names:
        initial, changes, rule, explicit_beyond_table = full_model(os.path.join(args.zoneinfo, name))
        verify_end[name] = TABLE_END if explicit_beyond_table else VERIFY_END
        zone = CompactZone(initial, compact(initial, changes, rule), rule)
        key = zone.key()
        if key not in by_key:
            by_key[key] = len(zones)
            zones.append((name, zone))
        zone_of_name[name] = by_key[key]
    # Every name is checked, including names that share another zone's table.
    if not args.no_verify:
        for name in names:
            verify(name, zones[zone_of_name[name]][1], verify_end[name])

    times, type_indexes, offsets, zone_rows = [], [], [], []
    for canonical, zone in zones:
        type_table = []
        for _, o in zone.changes:
            if o not in type_table:
                type_table.append(o)
        assert len(type_table) < 256
        # Local-time keys must increase for the binary search in local_to_utc.
        keys = [zone.local_key(i) for i in range(len(zone.changes))]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), canonical
        assert all(-(1 << 31) <= t < (1 << 31) for t, _ in zone.changes)
        zone_rows.append("{k_transition_times + %d, k_transition_types + %d, k_type_offsets + %d, %d, %d, %s}" % (
            len(times), len(times), len(offsets), len(zone.changes), zone.initial, zone.rule.cpp()))
        times += [str(t) for t, _ in zone.changes]
        type_indexes += [str(type_table.index(o)) for _, o in zone.changes]
        offsets += [str(o) for o in type_table]

    out = []
    out.append("// Generated by scripts/gen_tz.py from the IANA tz database (tzdata %s); do not edit." % version)
    out.append("// %d zone names sharing %d tables; offset changes from 1970 until the POSIX rule takes over." % (
        len(names), len(zones)))
    out.append('#include "core/time/tz_data.hpp"')
    out.append("")
    out.append("namespace skpi::time::detail {")
    out.append("")
    out.append("const char k_tzdata_version[] = \"%s\";" % version)
    out.append("")
    kinds_used = {z.rule.start.kind for _, z in zones if z.rule.has_dst} | {z.rule.end.kind for _, z in zones if z.rule.has_dst}
    for letter, alias, enumerator in (("M", "by_weekday", "month_week_day"), ("J", "julian", "julian_no_leap"),
                                      ("N", "day_of_year", "day_of_year")):
        if letter in kinds_used:
            out.append("constexpr RuleDateKind %s = RuleDateKind::%s;" % (alias, enumerator))
    out.append("")
    out.append("// UTC seconds of each offset change, all tables one after another.")
    out.append("const std::int32_t k_transition_times[] = {\n%s\n};" % wrap(times or ["0"]))
    out.append("")
    out.append("// Index into the table's slice of k_type_offsets, one per change.")
    out.append("const std::uint8_t k_transition_types[] = {\n%s\n};" % wrap(type_indexes or ["0"]))
    out.append("")
    out.append("// UTC offsets in seconds.")
    out.append("const std::int32_t k_type_offsets[] = {\n%s\n};" % wrap(offsets or ["0"]))
    out.append("")
    out.append("// {times, types, offsets, change count, offset before the first change,")
    out.append("//  rule {std, dst, has_dst, start {kind, month, week, weekday, day, time}, end}}")
    out.append("const ZoneData k_zone_data[] = {")
    for (canonical, _), row in zip(zones, zone_rows):
        out.append("    %s,  // %s" % (row, canonical))
    out.append("};")
    out.append("const std::size_t k_zone_data_count = %d;" % len(zones))
    out.append("")
    out.append("// Sorted by name (byte order) for binary search.")
    out.append("const Zone k_zones[] = {")
    out.append(wrap(['{"%s", &k_zone_data[%d]}' % (n, zone_of_name[n]) for n in names], indent="    "))
    out.append("};")
    out.append("const std::size_t k_zone_count = %d;" % len(names))
    out.append("")
    out.append("}  // namespace skpi::time::detail")
    text = "\n".join(out) + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    print("wrote %s: %d bytes, %d names, %d tables, %d transitions" % (
        args.out, len(text), len(names), len(zones), len(times)), file=sys.stderr)


if __name__ == "__main__":
    main()
