import * as z from 'zod';
import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import { parseInput } from '../../../lambdas/core/domain/validation';
import { thrownBy } from '../../support/rejections';

const order = z
  .object({
    reader: z.string('must be text'),
    address: z.object({ city: z.string().min(1, 'must not be empty') }),
  })
  .strict();

describe('parseInput', () => {
  it('answers the parsed value when the input fits the schema', () => {
    expect(parseInput(order, { reader: 'Amal', address: { city: 'Riyadh' } })).toEqual({
      reader: 'Amal',
      address: { city: 'Riyadh' },
    });
  });

  it('names every problem: nested fields by their dotted path, the input as a whole by an empty one', () => {
    const error = thrownBy(() => parseInput(order, { reader: 7, address: { city: '' }, extra: true }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems).toEqual([
      { field: 'reader', message: 'must be text' },
      { field: 'address.city', message: 'must not be empty' },
      { field: '', message: 'Unrecognized key: "extra"' },
    ]);
  });

  it('lists the problems in one message, each after the field it concerns', () => {
    const error = thrownBy(() => parseInput(order, { reader: 7, address: { city: '' }, extra: true }));
    expect((error as InvalidInputError).message).toBe(
      'The request is not valid: reader: must be text; address.city: must not be empty; Unrecognized key: "extra".',
    );
  });
});
