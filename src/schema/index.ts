import { builder } from './builder';
import './scalars';

export const schema = builder.toSchema({ sortSchema: false });
