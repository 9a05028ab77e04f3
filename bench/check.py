#!/usr/bin/env python3
"""Independent check of the bench figures (see figures.mjs) with Python's standard library only:
csv, datetime and a hand-written linear-interpolated median (numpy's default). Slow; meant for
a small file (the bench runs it on 10,000 rows). Prints the figures as one JSON line.

    python3 bench/check.py FILE
"""
import csv
import json
import sys
from datetime import datetime, timezone


def parse(text):
    return datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc)


def median(values):
    if not values:
        return None
    ordered = sorted(values)
    position = 0.5 * (len(ordered) - 1)
    low = int(position)
    fraction = position - low
    if fraction == 0 or low + 1 >= len(ordered):
        return ordered[low]
    return ordered[low] + fraction * (ordered[low + 1] - ordered[low])


def summary(values):
    return {'n': len(values), 'mean': sum(values) / len(values) if values else None, 'median': median(values)}


def main(path):
    rows = 0
    first_response, resolution = [], []
    resolved = one_touch = ratings = satisfied = 0
    by_channel, by_category, by_week, agents = {}, {}, {}, {}
    with open(path, newline='', encoding='utf-8') as handle:
        for row in csv.DictReader(handle):
            rows += 1
            created = parse(row['Created at'])
            year, week, _ = created.isocalendar()
            key = f'{year}-W{week:02d}'
            by_week[key] = by_week.get(key, 0) + 1
            by_channel[row['Via']] = by_channel.get(row['Via'], 0) + 1
            by_category[row['Category']] = by_category.get(row['Category'], 0) + 1
            agent = None
            if row['Assignee']:
                agent = agents.setdefault(row['Assignee'], {'handled': 0, 'frt': [], 'ratings': 0, 'satisfied': 0})
                agent['handled'] += 1
            if row['First reply at']:
                seconds = (parse(row['First reply at']) - created).total_seconds()
                first_response.append(seconds)
                if agent:
                    agent['frt'].append(seconds)
            if row['Solved at']:
                resolution.append((parse(row['Solved at']) - created).total_seconds())
            if row['Status'] in ('solved', 'closed'):
                resolved += 1
                one_touch += int(row['Replies']) < 2
            if row['Satisfaction Score']:
                rating = int(row['Satisfaction Score'])
                if 1 <= rating <= 5:
                    ratings += 1
                    satisfied += rating >= 4
                    if agent:
                        agent['ratings'] += 1
                        agent['satisfied'] += rating >= 4
    figures = {
        'rows': rows,
        'first_response': summary(first_response),
        'resolution': summary(resolution),
        'fcr': {'value': one_touch / resolved * 100 if resolved else None, 'n': resolved},
        'csat': {'value': satisfied / ratings * 100 if ratings else None, 'n': ratings},
        'volume': {'by_channel': by_channel, 'by_category': by_category, 'by_week': by_week},
        'agents': {name: {'handled': agent['handled'], 'first_response_median': median(agent['frt']),
                          'csat': agent['satisfied'] / agent['ratings'] * 100 if agent['ratings'] else None}
                   for name, agent in agents.items()},
    }
    print(json.dumps({'figures': figures}, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1])
