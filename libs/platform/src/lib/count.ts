import { applyDecorators } from '@nestjs/common';
import { IsInt, IsPositive, Min } from 'class-validator';

/**
 * An environment variable that is a whole number ≥ 0, where 0 has a meaning of its own that the
 * variable's comment gives (a stream limit's "none", a write interval's "at once").
 */
export const Count = () => applyDecorators(IsInt(), Min(0));

/**
 * An environment variable that is a whole number ≥ 1: a size, a time or a number of things of
 * which 0 would make no sense. A higher floor is an added `@Min(n)`, a ceiling `@Max(n)`.
 */
export const PositiveCount = () => applyDecorators(IsInt(), IsPositive());
