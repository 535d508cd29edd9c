import { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CALL_EVENTS, CALL_EVENT_TYPES, eventTypesOf, mediaKindOfEvent } from '../../src/events/catalogue';
import { schema } from '../../src/graphql/schema/index';
import { mediaKindOfAction, TELNYX_ACTIONS } from '../../src/telnyx/actions';

/** The one table of events and actions, against the schema and the lists derived from it. */
describe('the catalogue of events and actions', () => {
  it('names, for every event, a GraphQL type of the schema that implements CallEvent', () => {
    for (const type of CALL_EVENT_TYPES) {
      const graphqlType = schema.getType(CALL_EVENTS[type].typeName);
      expect(graphqlType, type).toBeInstanceOf(GraphQLObjectType);
      expect((graphqlType as GraphQLObjectType).getInterfaces().map((i) => i.name)).toContain('CallEvent');
    }
    const implementations = schema.getImplementations(schema.getType('CallEvent') as never).objects;
    expect(implementations.map((type) => type.name).sort()).toEqual(
      CALL_EVENT_TYPES.map((type) => CALL_EVENTS[type].typeName).sort(),
    );
  });

  it('splits the events into groups with nothing left over', () => {
    const groups = (['playback', 'speak', 'recording', 'lifecycle'] as const).flatMap((group) => eventTypesOf(group));
    expect(groups.sort()).toEqual([...CALL_EVENT_TYPES].sort());
    expect(eventTypesOf('lifecycle')).toEqual(['call.initiated', 'call.answered', 'call.hangup']);
  });

  it('links a media event to the kind of command that causes it, and a lifecycle event to none', () => {
    expect(mediaKindOfEvent('call.speak.ended')).toBe('speak');
    expect(mediaKindOfEvent('call.recording.transcription.saved')).toBe('recording');
    expect(mediaKindOfEvent('call.hangup')).toBeUndefined();
    expect(mediaKindOfEvent('call.dtmf.received')).toBeUndefined();
    expect(mediaKindOfAction('record_pause')).toBe('recording');
    expect(mediaKindOfAction('call_status')).toBeUndefined();
    // Every kind an action acts on has events that report on it.
    for (const kind of Object.values(TELNYX_ACTIONS)) expect(eventTypesOf(kind).length).toBeGreaterThan(0);
  });
});
