import { describe, expect, it } from 'vitest';
import { sampleReport, withoutPassingAdvice } from '../../report/sample.js';
import { sampleRow } from '../outputs/sample-row.js';
import { dashboardData } from './data.js';

describe('dashboardData', () => {
  it("lists a passing criterion's advice apart from the problems, changing no count", () => {
    const report = sampleReport('advice');
    const data = dashboardData([sampleRow(report)], 'Rock of Ages', []);
    const [student] = data.students;
    expect(student.problems.map((c) => [c.id, c.status])).toEqual([['RC-DF002', 'fail']]);
    expect(student.advice).toEqual([
      {
        id: 'RC-DF010',
        title: 'No env file copied into the image',
        level: 'required',
        points: 3,
        findings: [{ where: 'rock-of-ages-api/Dockerfile:8:1', message: expect.stringMatching(/^\.env\.local \(DB_PASSWORD=lo\*{8}23\) is not tracked/), hint: null }],
      },
    ]);
    const plain = dashboardData([sampleRow(withoutPassingAdvice(report))], 'Rock of Ages', []);
    expect(plain.students[0].advice).toEqual([]);
    expect({ ...data, students: data.students.map((s) => ({ ...s, advice: [] })) }).toEqual(plain);
  });
});
